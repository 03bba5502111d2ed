/** Stored rows to the JSON the endpoint sends: external keys, nested child keys, `false` for empty. */
import type { ChildMapping, FieldMapping } from './mapping-types.js';
import { tableOf, type Row, type Store, type Value } from './data/store.js';

export type JsonRecord = Record<string, unknown>;

export function formatRecord(store: Store, mapping: ChildMapping, row: Row): JsonRecord {
  const record: JsonRecord = {};
  for (const field of mapping.fields) record[field.key] = formatField(store, field, row);
  return record;
}

function formatField(store: Store, field: FieldMapping, row: Row): unknown {
  const value = field.field === 'id' ? row.id : row.values[field.field];
  switch (field.kind) {
    case 'scalar':
      return value ?? false;
    case 'many2one':
      return typeof value === 'number' ? formatChild(store, field.child, value) : false;
    case 'many2many':
    case 'one2many':
      return idsOf(value).flatMap((id) => {
        const child = formatChild(store, field.child, id);
        return child === false ? [] : [child];
      });
  }
}

/** A dangling reference (the child was deleted) reads as empty, as in Odoo after an ondelete set null. */
function formatChild(store: Store, child: ChildMapping, id: number): JsonRecord | false {
  const row = tableOf(store, child.model).byId.get(id);
  return row === undefined ? false : formatRecord(store, child, row);
}

function idsOf(value: Value | undefined): readonly number[] {
  return Array.isArray(value) ? value : [];
}
