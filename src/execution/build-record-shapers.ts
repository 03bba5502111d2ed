/**
 * Upstream records as GraphQL sees them: a shaped record holds each field under its GraphQL name,
 * already normalized (`false` → null, ISO datetimes, nested objects shaped in turn), so scalar and
 * nested-object fields need no resolver at all. Relation fields keep the upstream's raw value
 * (the embedded object, the id, the list) under their name for their resolver to read.
 *
 * Why: a resolver per scalar field made compiled execution build a resolve-info object per field
 * per record (graphql-jit has no lighter call): a third of all allocation in a page of 20
 * partners. Shaping a record once is one object; and a record shared by several operations (an
 * identical GET in flight, upstream/share-in-flight.ts) is shaped once for all of them: shaped
 * records are cached per raw record, which is never changed after it is parsed.
 *
 * Loaders, writes and identifiers keep working on raw records; records are shaped only where a
 * resolver hands them to GraphQL.
 */
import { invariant } from '../errors/bjet-error.js';
import type { FieldModel } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { TypeIndex } from './build-type-index.js';
import type { Loaders } from './create-loaders.js';
import { buildNormalizer, type Normalizer } from './normalize-value.js';

export type ShapedRecord = Readonly<Record<string, unknown>>;
export type Shaper = (raw: UpstreamRecord) => ShapedRecord;

export interface RecordShapers {
  /** The shaper of a GraphQL object type (an endpoint's or a nested one's). */
  of(typeName: string): Shaper;
}

interface Slot {
  readonly name: string;
  readonly key: string;
  readonly read: Normalizer;
}

export function buildRecordShapers(index: TypeIndex): RecordShapers {
  const shapers = new Map<string, Shaper>();
  const of = (typeName: string): Shaper => {
    const shaper = shapers.get(typeName);
    invariant(shaper !== undefined, `no object type ${typeName} in the model`);
    return shaper;
  };
  for (const entry of index.types.values()) {
    // Nested types are shaped lazily through `of`, so the order of definition does not matter.
    const slots = [...entry.fields.values()].map((field): Slot => ({ name: field.name, key: field.key, read: readerOf(field, of) }));
    shapers.set(entry.typeName, cachedShaper(slots));
  }
  return { of };
}

/**
 * The record with this identifier through the operation's loader, shaped; null for an unknown id,
 * and for an identifier that is neither a string nor a number (nothing is loaded then).
 */
export function loadShaped(loaders: Loaders, endpoint: string, id: unknown, shape: Shaper): Promise<ShapedRecord | null> | null {
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return loaders.load(endpoint, String(id)).then((record) => (record === null ? null : shape(record)));
}

const asIs: Normalizer = (raw) => raw;

function readerOf(field: FieldModel, of: (typeName: string) => Shaper): Normalizer {
  const value = field.value;
  switch (value.kind) {
    case 'relation':
      return asIs;
    case 'scalar':
    case 'enum':
      return buildNormalizer(field);
    case 'object': {
      const nested = (raw: unknown): unknown => (isRecord(raw) ? of(value.typeName)(raw) : null);
      if (!field.list) return nested;
      return (raw) => (Array.isArray(raw) ? raw.map(nested) : null);
    }
  }
}

function cachedShaper(slots: readonly Slot[]): Shaper {
  const cache = new WeakMap<UpstreamRecord, ShapedRecord>();
  return (raw) => {
    let shaped = cache.get(raw);
    if (shaped === undefined) {
      const out: Record<string, unknown> = {};
      for (const slot of slots) out[slot.name] = slot.read(raw[slot.key]);
      shaped = out;
      cache.set(raw, shaped);
    }
    return shaped;
  };
}
