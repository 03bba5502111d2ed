/**
 * A POST/PUT body to stored values, line by line as BJET processes mapping lines. Unmapped and
 * read-only keys are ignored; the first failing line gives a `{error, line_id, status_code}` 400.
 */
import { findRow } from './find-row.js';
import { idFieldOf, type ChildMapping, type FieldMapping, type RelationMapping } from './mapping-types.js';
import { mappingError, type MappingError } from './mapping-error.js';
import { parseScalarValue } from './parse-scalar-value.js';
import { tableOf, type Store, type Value } from './data/store.js';
import type { SimulatorSwitches } from './types.js';

export interface WriteContext {
  readonly store: Store;
  readonly switches: SimulatorSwitches;
}

/** One2many elements to create once the parent exists. */
export interface PendingLines {
  readonly field: RelationMapping;
  readonly lines: readonly ParsedWrite[];
}

export interface ParsedWrite {
  readonly values: Record<string, Value>;
  readonly pending: readonly PendingLines[];
}

export type WriteResult = { readonly ok: true; readonly write: ParsedWrite } | { readonly ok: false; readonly error: MappingError };

type FieldResult = { readonly value: Value | PendingLines } | { readonly error: MappingError };

export function parseWrite(context: WriteContext, mapping: ChildMapping, body: Readonly<Record<string, unknown>>, creating: boolean, prefix = ''): WriteResult {
  const values: Record<string, Value> = {};
  const pending: PendingLines[] = [];
  for (const field of mapping.fields) {
    const lineId = `${prefix}${field.key}`;
    const present = Object.hasOwn(body, field.key);
    if (field.required === true && (present ? isEmpty(body[field.key]) : creating)) {
      return { ok: false, error: mappingError(lineId, 'MISSING_REQUIRED_FIELD', `Missing required field: ${field.key}`) };
    }
    if (!present || field.readonly === true || field.field === 'id') continue;
    const result = parseField(context, field, body[field.key], lineId);
    if ('error' in result) return { ok: false, error: result.error };
    if (isPendingLines(result.value)) pending.push(result.value);
    else values[field.field] = result.value;
  }
  return { ok: true, write: { values, pending } };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '';
}

function isPendingLines(value: Value | PendingLines): value is PendingLines {
  return typeof value === 'object' && !Array.isArray(value);
}

function parseField(context: WriteContext, field: FieldMapping, raw: unknown, lineId: string): FieldResult {
  switch (field.kind) {
    case 'scalar': {
      const value = parseScalarValue(field, raw);
      return value === undefined ? { error: mappingError(lineId, 'INVALID_VALUE', `Invalid value for ${field.key}: expected ${field.type}`) } : { value };
    }
    case 'many2one':
      if (raw === false || raw === null) return { value: false };
      return resolveChild(context, field.child, raw, lineId, context.switches.many2oneWrite);
    case 'many2many':
      return parseMany2many(context, field, raw, lineId);
    case 'one2many':
      return parseOne2many(context, field, raw, lineId);
  }
}

/** The child's identifier locates the record, in the write form the switch selects (`null` accepts both). */
function resolveChild(context: WriteContext, child: ChildMapping, raw: unknown, lineId: string, form: 'object' | 'id' | null): FieldResult {
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  if ((form === 'object' && !isObject) || (form === 'id' && isObject)) {
    const expected = form === 'object' ? `an object with ${child.idKey}` : `a bare ${child.idKey}`;
    return { error: mappingError(lineId, 'INVALID_MANY2ONE_FORM', `Invalid value for ${lineId}: expected ${expected}`) };
  }
  const identifier = isObject ? (raw as Record<string, unknown>)[child.idKey] : raw;
  if (typeof identifier !== 'string' && typeof identifier !== 'number') {
    return { error: mappingError(lineId, 'INVALID_VALUE', `Invalid value for ${lineId}: no ${child.idKey}`) };
  }
  const row = findRow(tableOf(context.store, child.model), idFieldOf(child), identifier);
  if (row === undefined) {
    return { error: mappingError(lineId, 'RELATED_RECORD_NOT_FOUND', `No ${child.model} record with ${child.idKey} ${String(identifier)}`) };
  }
  return { value: row.id };
}

/** The array replaces the whole set; each element is an object or a bare identifier. */
function parseMany2many(context: WriteContext, field: RelationMapping, raw: unknown, lineId: string): FieldResult {
  if (raw === false || raw === null) return { value: [] };
  if (!Array.isArray(raw)) return { error: mappingError(lineId, 'INVALID_VALUE', `Invalid value for ${lineId}: expected an array`) };
  const ids = new Set<number>();
  for (const element of raw) {
    const result = resolveChild(context, field.child, element, lineId, null);
    if ('error' in result) return result;
    if (typeof result.value === 'number') ids.add(result.value);
  }
  return { value: [...ids] };
}

/** Every element creates a new line (nothing is matched or removed). */
function parseOne2many(context: WriteContext, field: RelationMapping, raw: unknown, lineId: string): FieldResult {
  if (!Array.isArray(raw)) return { error: mappingError(lineId, 'INVALID_VALUE', `Invalid value for ${lineId}: expected an array`) };
  const lines: ParsedWrite[] = [];
  for (const element of raw) {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      return { error: mappingError(lineId, 'INVALID_VALUE', `Invalid value for ${lineId}: expected objects`) };
    }
    const result = parseWrite(context, field.child, element as Record<string, unknown>, true, `${lineId}.`);
    if (!result.ok) return { error: result.error };
    lines.push(result.write);
  }
  return { value: { field, lines } };
}
