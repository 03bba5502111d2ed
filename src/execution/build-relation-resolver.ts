/**
 * A relation field (Many2one or x2many linked to an endpoint). The upstream embeds the related
 * record's `embeddedKeys`; when the query asks for nothing else the embedded object is the answer,
 * at no cost. Otherwise the related records come through the target endpoint's loader.
 */
import type { FieldNode } from 'graphql';
import type { FieldModel } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import type { UpstreamRecord } from '../upstream/types.js';
import { loadShaped, type ShapedRecord, type Shaper } from './build-record-shapers.js';
import { embeddedFieldNames, targetOf, type TypeIndex } from './build-type-index.js';
import { identifierOf } from '../shared/identifier-of.js';
import type { Resolver } from './resolver-types.js';
import { selectionWithin } from './selection-within.js';

type RelationValue = Extract<FieldModel['value'], { kind: 'relation' }>;

/** `shape` is the target type's: the related records go to GraphQL shaped, like every record. */
export function buildRelationResolver(field: FieldModel, relation: RelationValue, index: TypeIndex, shape: Shaper): Resolver<ShapedRecord> {
  const target = targetOf(index, relation.endpoint);
  const allowed = embeddedFieldNames(index, relation.endpoint, relation.embeddedKeys);
  // graphql-js reuses one fieldNodes array for a field across the items of a list: decide once.
  const decided = new WeakMap<readonly FieldNode[], boolean>();
  const answerable = (fieldNodes: readonly FieldNode[], fragments: Parameters<typeof selectionWithin>[1]): boolean => {
    let within = decided.get(fieldNodes);
    if (within === undefined) {
      within = selectionWithin(fieldNodes, fragments, allowed);
      decided.set(fieldNodes, within);
    }
    return within;
  };
  const idOf = (item: unknown): string | null =>
    isRecord(item) ? identifierOf(item, target.idKey) : typeof item === 'string' || typeof item === 'number' ? String(item) : null;

  if (!field.list) {
    return (parent, _args, ctx, info) => {
      // The shaped parent keeps the upstream's raw relation value under the field's name.
      const raw = parent[field.name];
      if (isRecord(raw) && answerable(info.fieldNodes, info.fragments)) return shape(raw);
      return loadShaped(ctx.loaders, target.endpoint, idOf(raw), shape);
    };
  }
  return async (parent, _args, ctx, info) => {
    const raw = parent[field.name];
    // Odoo sends an empty x2many as `[]`; anything else non-list is read as empty too.
    if (!Array.isArray(raw)) return [];
    if (raw.every(isRecord) && answerable(info.fieldNodes, info.fragments)) return raw.map(shape);
    const ids = raw.map(idOf).filter((id): id is string => id !== null);
    const loaded = await ctx.loaders.loadMany(target.endpoint, ids);
    const failure = loaded.find((item): item is Error => item instanceof Error);
    if (failure !== undefined) throw failure;
    // A related record deleted since the parent was read is left out rather than failing the list.
    return loaded.filter((item): item is UpstreamRecord => item !== null).map(shape);
  };
}
