/**
 * A create/update input to the upstream's JSON body: GraphQL input names back to the external keys
 * the model pairs them with, relation ids to the identifier objects BJET locates children by, ISO
 * datetimes back to Odoo's form, and `null` to Odoo's `false` (how an empty field is written).
 */
import type { EndpointConfig } from '../config/types.js';
import { BjetError, invariant } from '../errors/bjet-error.js';
import type { EndpointModel, FieldModel, InputModel } from '../model/source-model.js';
import type { UpstreamRecord } from '../upstream/types.js';
import { targetOf, type TypeIndex } from './build-type-index.js';

export type WriteBodyBuilder = (input: Readonly<Record<string, unknown>>) => UpstreamRecord;
type ValueWriter = (value: unknown) => unknown;

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `2024-03-01T09:30:00Z` (or with an offset) → `2024-03-01 09:30:00` in UTC. */
export function toOdooDateTime(value: string): string {
  const match = ISO_DATETIME.exec(value);
  if (match === null) return value;
  const instant = new Date(value.endsWith('Z') || /[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(instant.getTime())) return value;
  return instant.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The upstream value of an identifier. Odoo's own `id` is an integer, so a numeric string becomes a
 * number there; any other identifier key (`default_code`) is text and stays text.
 */
export function identifierValue(id: unknown, idKey: string): unknown {
  const text = String(id);
  return idKey === 'id' && /^\d+$/.test(text) ? Number(text) : text;
}

export function buildWriteBodyBuilder(endpoint: EndpointModel, inputModel: InputModel, config: EndpointConfig | undefined, index: TypeIndex): WriteBodyBuilder {
  const many2oneWrite = config?.many2oneWrite ?? 'object';
  const writers = new Map<string, { key: string; write: ValueWriter }>();
  for (const { name, key } of inputModel.fields) {
    const field = endpoint.fields.find((candidate) => candidate.key === key);
    invariant(field !== undefined, `${inputModel.typeName}.${name} writes key ${key}, which ${endpoint.typeName} does not have`);
    writers.set(name, { key, write: writerFor(field, many2oneWrite, index) });
  }
  return (input) => {
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(input)) {
      const writer = writers.get(name);
      // GraphQL validation and the start-up drift check make this unreachable; never drop a field silently.
      if (writer === undefined) throw unknownInputField(inputModel.typeName, name);
      if (value !== undefined) body[writer.key] = value === null ? false : writer.write(value);
    }
    return body;
  };
}

function unknownInputField(typeName: string, name: string): BjetError {
  return new BjetError('BAD_USER_INPUT', `${typeName} has no field "${name}".`, { details: { argument: 'input', field: name } });
}

function writerFor(field: FieldModel, many2oneWrite: 'object' | 'id', index: TypeIndex): ValueWriter {
  const value = field.value;
  switch (value.kind) {
    case 'relation': {
      const idKey = targetOf(index, value.endpoint).idKey;
      const asObject = (id: unknown): unknown => ({ [idKey]: identifierValue(id, idKey) });
      if (field.list) return (ids) => (Array.isArray(ids) ? ids.map(asObject) : ids);
      return many2oneWrite === 'object' ? asObject : (id) => identifierValue(id, idKey);
    }
    case 'scalar':
      return value.scalar === 'DateTime' ? (text) => (typeof text === 'string' ? toOdooDateTime(text) : text) : asGiven;
    // Enum values arrive as their keys (the enum's internal values); unlinked objects are JSON.
    case 'enum':
    case 'object':
      return asGiven;
  }
}

const asGiven: ValueWriter = (plain) => plain;
