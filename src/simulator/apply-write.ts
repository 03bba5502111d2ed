/** Applies a parsed write to the store: create, update (partial), delete, with Odoo's side effects. */
import { findRow } from './find-row.js';
import { idFieldOf, type EndpointMapping } from './mapping-types.js';
import { mappingError, type MappingError } from './mapping-error.js';
import type { ParsedWrite, PendingLines } from './parse-write.js';
import { modelDefaults, touchWriteDate } from './data/model-defaults.js';
import { lineSubtotal, recomputeOrderAmounts } from './data/sale-order-amounts.js';
import { deleteRow, insertRow, tableOf, type Row, type Store } from './data/store.js';

export type ApplyResult = { readonly ok: true; readonly row: Row } | { readonly ok: false; readonly error: MappingError };

export function createRecord(store: Store, endpoint: EndpointMapping, write: ParsedWrite): ApplyResult {
  const duplicate = findDuplicate(store, endpoint, write, null);
  if (duplicate !== null) return { ok: false, error: duplicate };
  const table = tableOf(store, endpoint.model);
  const row = insertRow(table, { ...modelDefaults(endpoint.model, table), ...write.values });
  afterWrite(store, endpoint.model, row, write.pending);
  return { ok: true, row };
}

export function updateRecord(store: Store, endpoint: EndpointMapping, row: Row, write: ParsedWrite): ApplyResult {
  const duplicate = findDuplicate(store, endpoint, write, row);
  if (duplicate !== null) return { ok: false, error: duplicate };
  Object.assign(row.values, write.values);
  touchWriteDate(row.values);
  afterWrite(store, endpoint.model, row, write.pending);
  return { ok: true, row };
}

/** Deleting an order deletes its lines (Odoo's ondelete cascade). */
export function deleteRecord(store: Store, endpoint: EndpointMapping, row: Row): void {
  for (const field of endpoint.fields) {
    if (field.kind !== 'one2many') continue;
    const lines = tableOf(store, field.child.model);
    const ids = row.values[field.field];
    for (const id of Array.isArray(ids) ? ids : []) deleteRow(lines, id);
  }
  deleteRow(tableOf(store, endpoint.model), row.id);
}

/** An identifier other than the Odoo id must stay unique, or the URL could not address the record. */
function findDuplicate(store: Store, endpoint: EndpointMapping, write: ParsedWrite, self: Row | null): MappingError | null {
  const idField = idFieldOf(endpoint);
  const value = write.values[idField];
  if (idField === 'id' || typeof value !== 'string') return null;
  const other = findRow(tableOf(store, endpoint.model), idField, value);
  if (other === undefined || other === self) return null;
  return mappingError(endpoint.idKey, 'DUPLICATE_IDENTIFIER', `A record with ${endpoint.idKey} ${value} already exists`);
}

function afterWrite(store: Store, model: string, row: Row, pending: readonly PendingLines[]): void {
  for (const { field, lines } of pending) {
    const table = tableOf(store, field.child.model);
    const existing = row.values[field.field];
    const ids = Array.isArray(existing) ? [...existing] : [];
    for (const line of lines) ids.push(insertRow(table, buildLine(store, row, line)).id);
    row.values[field.field] = ids;
  }
  if (model === 'sale.order') recomputeOrderAmounts(store, row);
}

/** A sale order line: the product's list price and label unless given, and its computed subtotal. */
function buildLine(store: Store, order: Row, line: ParsedWrite): Row['values'] {
  const values: Row['values'] = { ...modelDefaults('sale.order.line', tableOf(store, 'sale.order.line')), ...line.values, order_id: order.id };
  const product = typeof values.product_id === 'number' ? tableOf(store, 'product.template').byId.get(values.product_id) : undefined;
  if (product !== undefined) {
    if (!('price_unit' in line.values)) values.price_unit = product.values.list_price ?? 0;
    values.name = `[${String(product.values.default_code)}] ${String(product.values.name)}`;
  }
  values.price_subtotal = lineSubtotal(Number(values.product_uom_qty), Number(values.price_unit), Number(values.discount));
  return values;
}
