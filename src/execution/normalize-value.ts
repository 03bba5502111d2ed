/**
 * Upstream values to GraphQL values. Odoo sends `false` for every empty non-Boolean field and
 * datetimes as `YYYY-MM-DD HH:MM:SS` in UTC; clients get `null` and ISO-8601 with a `Z`.
 * Enum technical keys pass through: the schema's enum values carry them as internal values.
 */
import type { FieldModel, ValueModel } from '../model/source-model.js';

export type Normalizer = (raw: unknown) => unknown;

const ODOO_DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

/** `2024-03-01 09:30:00` → `2024-03-01T09:30:00Z`; anything else is returned unchanged. */
export function toIsoDateTime(value: string): string {
  const match = ODOO_DATETIME.exec(value);
  return match === null ? value : `${match[1]}T${match[2]}Z`;
}

const emptyToNull: Normalizer = (raw) => (raw === false || raw === undefined ? null : raw);
const booleanValue: Normalizer = (raw) => (raw === undefined ? null : raw);
const dateTimeValue: Normalizer = (raw) => (typeof raw === 'string' ? toIsoDateTime(raw) : emptyToNull(raw));

function normalizerForValue(value: ValueModel): Normalizer {
  switch (value.kind) {
    case 'scalar':
      if (value.scalar === 'Boolean') return booleanValue;
      return value.scalar === 'DateTime' ? dateTimeValue : emptyToNull;
    case 'enum':
    case 'object':
    case 'relation':
      return emptyToNull;
  }
}

export function buildNormalizer(field: FieldModel): Normalizer {
  const one = normalizerForValue(field.value);
  if (!field.list) return one;
  return (raw) => (Array.isArray(raw) ? raw.map(one) : emptyToNull(raw));
}
