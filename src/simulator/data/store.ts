/**
 * The in-memory database: one table per Odoo model, rows keyed by the Odoo id. Values are stored in
 * Odoo's own form (false for empty, ids for relations) and mapped to external keys only on output.
 */
export type Value = string | number | boolean | readonly number[];

export interface Row {
  readonly id: number;
  readonly values: Record<string, Value>;
}

export interface Table {
  /** In the model's default order (ascending id here). */
  readonly rows: Row[];
  readonly byId: Map<number, Row>;
  nextId: number;
}

export type Store = Map<string, Table>;

export function createTable(): Table {
  return { rows: [], byId: new Map(), nextId: 1 };
}

export function insertRow(table: Table, values: Record<string, Value>): Row {
  const row: Row = { id: table.nextId, values };
  table.nextId += 1;
  table.rows.push(row);
  table.byId.set(row.id, row);
  return row;
}

export function deleteRow(table: Table, id: number): boolean {
  const row = table.byId.get(id);
  if (row === undefined) return false;
  table.byId.delete(id);
  table.rows.splice(table.rows.indexOf(row), 1);
  return true;
}

export function tableOf(store: Store, model: string): Table {
  const table = store.get(model);
  if (table === undefined) throw new Error(`simulator: no table for model ${model}`);
  return table;
}
