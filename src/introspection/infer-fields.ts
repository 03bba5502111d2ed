/**
 * Fields of one object type from all its samples merged: one `FieldModel` per key seen (plus the
 * configured ones never seen), sorted by key. Nested objects recurse with their own type name.
 */
import type { FieldModel, ValueModel } from '../model/source-model.js';
import { enumNameFor, enumValueFor, fieldNameFor, nestedTypeNameFor } from '../model/naming.js';
import { isRecord } from '../shared/guards.js';
import { collectValueStats, presentCategories, type ValueStats } from './collect-value-stats.js';
import type { InferContext } from './infer-context.js';
import { inferRelation } from './infer-relation.js';
import { inferScalar } from './infer-scalar.js';

export type InferredShape = Pick<FieldModel, 'list' | 'value'> & { readonly emptyMeansNull?: boolean };

export function inferFields(records: readonly Readonly<Record<string, unknown>>[], ctx: InferContext): FieldModel[] {
  const keys = new Set<string>(records.flatMap((record) => Object.keys(record)));
  for (const key of configuredKeys(ctx)) keys.add(key);
  return [...keys].sort().map((key) => {
    const values = records.filter((record) => Object.hasOwn(record, key)).map((record) => record[key]);
    return inferField(key, collectValueStats(values, records.length - values.length), ctx);
  });
}

/** Keys the config declares a shape for exist even when no sample shows them. */
function configuredKeys(ctx: InferContext): string[] {
  const config = ctx.config;
  if (config === null) return [];
  const typed = Object.entries(config.fields).filter(([, field]) => field.type !== undefined || field.enum !== undefined);
  return [config.idKey, ...Object.keys(config.relations), ...typed.map(([key]) => key)];
}

function inferField(key: string, stats: ValueStats, ctx: InferContext): FieldModel {
  const fieldConfig = ctx.config?.fields[key];
  if (key === ctx.config?.idKey) {
    return { key, name: fieldConfig?.name ?? fieldNameFor(key, false), list: false, nullable: false, value: { kind: 'scalar', scalar: 'ID' } };
  }
  const shape = inferShape(key, stats, ctx);
  const relational = shape.value.kind === 'relation' || shape.value.kind === 'object';
  const field: FieldModel = {
    key,
    name: fieldConfig?.name ?? fieldNameFor(key, relational),
    list: shape.list,
    nullable: isNullable(stats, shape) || (relational && !shape.list && fieldConfig?.required !== true),
    value: shape.value,
  };
  return {
    ...field,
    ...(fieldConfig?.readOnly === true ? { readOnly: true } : {}),
    ...(fieldConfig?.required === true ? { required: true } : {}),
  };
}

/**
 * A Many2one (relation or nested object) is nullable unless the config says `required: true`: Odoo
 * empties one whenever the model does not require it, and a sample that happens to be full says
 * nothing about that (a partner created without a country reads back `country_id: false`).
 */
function isNullable(stats: ValueStats, shape: InferredShape): boolean {
  const seen =
    stats.nulls + stats.falses + stats.trues + stats.integers.length + stats.floats.length + stats.strings.length + stats.objects.length + stats.arrays.length;
  if (seen === 0 || stats.missing > 0 || stats.nulls > 0 || shape.emptyMeansNull === true) return true;
  const isBoolean = !shape.list && shape.value.kind === 'scalar' && shape.value.scalar === 'Boolean';
  return !isBoolean && stats.falses > 0;
}

function inferShape(key: string, stats: ValueStats, ctx: InferContext): InferredShape {
  const fieldConfig = ctx.config?.fields[key];
  const target = ctx.config?.relations[key];
  const onlyArrays = stats.arrays.length > 0 && presentCategories(stats).length === 1;
  if (target !== undefined) return inferRelation(key, target, stats, ctx);
  if (fieldConfig?.enum !== undefined) {
    checkEnumSamples(key, fieldConfig.enum, stats, ctx);
    return {
      list: onlyArrays,
      value: { kind: 'enum', enumName: enumNameFor(ctx.typeName, key), values: fieldConfig.enum.map((key) => ({ name: enumValueFor(key), key })) },
    };
  }
  if (fieldConfig?.type !== undefined) return { list: onlyArrays, value: { kind: 'scalar', scalar: fieldConfig.type } };
  if (onlyArrays) return { list: true, value: inferElement(key, stats.arrays.flat(), ctx) };
  if (stats.objects.length > 0 && presentCategories(stats).length === 1) return { list: false, value: inferObject(key, stats.objects, ctx) };
  const scalar = inferScalar(stats);
  if (scalar === null) return { list: false, value: { kind: 'scalar', scalar: 'JSON' } };
  return { list: false, value: { kind: 'scalar', scalar: scalar.scalar }, emptyMeansNull: scalar.emptyMeansNull };
}

/** Elements of x2many (or scalar list) values: objects, one scalar kind, else JSON. */
function inferElement(key: string, elements: readonly unknown[], ctx: InferContext): ValueModel {
  const stats = collectValueStats(elements, 0);
  const categories = presentCategories(stats);
  if (stats.nulls + stats.falses > 0 || categories.length !== 1) return { kind: 'scalar', scalar: 'JSON' };
  if (categories[0] === 'object') return inferObject(key, stats.objects, ctx);
  const scalar = inferScalar(stats);
  return { kind: 'scalar', scalar: scalar?.scalar ?? 'JSON' };
}

function inferObject(key: string, objects: readonly Readonly<Record<string, unknown>>[], ctx: InferContext): ValueModel {
  const typeName = nestedTypeNameFor(ctx.typeName, key);
  const nested: InferContext = { ...ctx, typeName, config: null, keyPrefix: `${ctx.keyPrefix}${key}.` };
  return { kind: 'object', typeName, fields: inferFields(objects.filter(isRecord), nested) };
}

function checkEnumSamples(key: string, values: readonly string[], stats: ValueStats, ctx: InferContext): void {
  const unknown = [...new Set(stats.strings.filter((value) => !values.includes(value)))].sort();
  if (unknown.length > 0) {
    ctx.warnings.push(`${ctx.endpoint}: key \`${ctx.keyPrefix}${key}\` has values not in its configured enum: ${unknown.join(', ')}`);
  }
}
