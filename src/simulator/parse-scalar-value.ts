/** Checks a written scalar against its Odoo field type; `undefined` means the value is invalid. */
import type { ScalarMapping } from './mapping-types.js';
import { DATE_PATTERN, DATETIME_PATTERN } from './data/odoo-values.js';
import type { Value } from './data/store.js';

export function parseScalarValue(field: ScalarMapping, raw: unknown): Value | undefined {
  if (field.type === 'boolean') return typeof raw === 'boolean' ? raw : undefined;
  // Odoo writes False to clear any other field; null is accepted the same way.
  if (raw === false || raw === null) return field.type === 'integer' || field.type === 'float' ? 0 : false;
  switch (field.type) {
    case 'char':
      return typeof raw === 'string' ? raw : undefined;
    case 'integer':
      return typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined;
    case 'float':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    case 'date':
      return typeof raw === 'string' && DATE_PATTERN.test(raw) ? raw : undefined;
    case 'datetime':
      return typeof raw === 'string' && DATETIME_PATTERN.test(raw) ? raw : undefined;
    case 'selection':
      return typeof raw === 'string' && (field.selection ?? []).includes(raw) ? raw : undefined;
  }
}
