/** Locates a record by an identifier value (from a URL segment or a relational write). */
import type { Row, Table } from './data/store.js';

export function findRow(table: Table, idField: string, identifier: string | number): Row | undefined {
  if (idField === 'id') {
    const id = typeof identifier === 'number' ? identifier : /^\d+$/.test(identifier) ? Number(identifier) : Number.NaN;
    return table.byId.get(id);
  }
  const wanted = String(identifier);
  return table.rows.find((row) => row.values[idField] === wanted);
}
