/**
 * A change made inside Odoo, not through the API (a user in the web client, an automated action):
 * edit fields, archive or restore, delete. The endpoint's external keys name the fields; the change
 * is reported on `state.changes` for every endpoint of the model, as the outbound side would see it.
 */
import { deleteRecord, updateRecord } from './apply-write.js';
import { findRow } from './find-row.js';
import { formatRecord } from './format-record.js';
import { idFieldOf, type EndpointMapping } from './mapping-types.js';
import { parseWrite } from './parse-write.js';
import type { Reply, SimState } from './sim-state.js';
import type { SimChange } from './sim-changes.js';
import { touchWriteDate } from './data/model-defaults.js';
import { tableOf, type Row } from './data/store.js';
import type { OdooEdit } from './types.js';

export function editInOdoo(state: SimState, endpointName: string, id: string, edit: OdooEdit): Reply {
  const endpoint = state.endpoints.get(endpointName);
  if (endpoint === undefined) return { status: 404, body: { message: `Endpoint not found: ${endpointName}` } };
  const idField = state.switches.identifierMode === 'odoo-id' ? 'id' : idFieldOf(endpoint);
  const row = findRow(tableOf(state.store, endpoint.model), idField, id);
  if (row === undefined) return { status: 404, body: { message: 'Record not found' } };
  if ('delete' in edit) {
    deleteRecord(state.store, endpoint, row);
    announce(state, endpoint, row, 'deleted');
    return { status: 200, body: { message: 'Record deleted in Odoo' } };
  }
  const applied = 'set' in edit ? setFields(state, endpoint, row, edit.set) : archive(endpoint, row, edit.archive);
  if (applied !== null) return { status: 400, body: applied };
  announce(state, endpoint, row, 'updated');
  return { status: 200, body: formatRecord(state.store, endpoint, row) };
}

/** Null when applied, else the error body. */
function setFields(state: SimState, endpoint: EndpointMapping, row: Row, values: Readonly<Record<string, unknown>>): unknown {
  const unknown = Object.keys(values).filter((key) => !endpoint.fields.some((field) => field.key === key));
  if (unknown.length > 0) return { message: `Unknown keys on ${endpoint.name}: ${unknown.join(', ')}` };
  const parsed = parseWrite(state, endpoint, values, false);
  if (!parsed.ok) return parsed.error;
  const applied = updateRecord(state.store, endpoint, row, parsed.write);
  return applied.ok ? null : applied.error;
}

function archive(endpoint: EndpointMapping, row: Row, archived: boolean): unknown {
  if (!endpoint.fields.some((field) => field.field === 'active')) return { message: `${endpoint.model} records cannot be archived` };
  row.values.active = !archived;
  touchWriteDate(row.values);
  return null;
}

function announce(state: SimState, endpoint: EndpointMapping, row: Row, kind: SimChange['kind']): void {
  for (const other of state.endpoints.values()) {
    if (other.model === endpoint.model) state.changes.emit({ kind, endpoint: other.name, rowId: row.id, via: 'odoo' });
  }
}
