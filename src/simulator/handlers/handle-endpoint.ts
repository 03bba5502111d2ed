/** The five routes of an endpoint, once the endpoint, credentials, method and body are checked. */
import { createRecord, deleteRecord, updateRecord } from '../apply-write.js';
import { findRow } from '../find-row.js';
import { formatRecord } from '../format-record.js';
import { idFieldOf, type EndpointMapping } from '../mapping-types.js';
import { parseWrite } from '../parse-write.js';
import { parseListQuery, runListQuery } from '../query-list.js';
import type { Reply, SimState } from '../sim-state.js';
import { tableOf, type Row } from '../data/store.js';
import { buildVisibleTo } from '../visibility.js';

export interface EndpointRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly endpoint: EndpointMapping;
  /** The decoded `{id}` segment, or null on the collection route. */
  readonly id: string | null;
  readonly query: URLSearchParams;
  /** The parsed JSON object for POST and PUT. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The token the request came with on an endpoint with per-token visibility, else null. */
  readonly viewer: string | null;
}

const notFound: Reply = { status: 404, body: { message: 'Record not found' } };

export function handleEndpoint(state: SimState, request: EndpointRequest): Reply {
  const { endpoint } = request;
  if (request.method === 'POST') return create(state, endpoint, request.body);
  const visible = visibleTo(state, request);
  if (request.id === null) return list(state, endpoint, request.query, visible);
  const row = locate(state, endpoint, request.id);
  if (row === undefined || (visible !== null && !visible(row))) return notFound;
  switch (request.method) {
    case 'GET':
      return { status: 200, body: formatRecord(state.store, endpoint, row) };
    case 'PUT':
      return update(state, endpoint, row, request.body);
    case 'DELETE':
      // Before the removal, as Odoo runs On Deletion rules: the outbound side still reads the record.
      state.changes.emit({ kind: 'deleted', endpoint: endpoint.name, rowId: row.id, via: 'api' });
      deleteRecord(state.store, endpoint, row);
      return { status: 200, body: { message: 'Record deleted successfully' } };
  }
}

function locate(state: SimState, endpoint: EndpointMapping, id: string): Row | undefined {
  const idField = state.switches.identifierMode === 'odoo-id' ? 'id' : idFieldOf(endpoint);
  return findRow(tableOf(state.store, endpoint.model), idField, id);
}

function visibleTo(state: SimState, request: EndpointRequest): ((row: Row) => boolean) | null {
  const visibility = state.visibility.get(request.endpoint.name);
  if (visibility === undefined || request.viewer === null) return null;
  return buildVisibleTo(visibility, request.endpoint, state.switches.identifierMode, request.viewer);
}

function list(state: SimState, endpoint: EndpointMapping, query: URLSearchParams, visible: ((row: Row) => boolean) | null): Reply {
  const parsed = parseListQuery(endpoint, query);
  if (!parsed.ok) return { status: 400, body: { message: parsed.message } };
  const listQuery = visible === null ? parsed.query : { ...parsed.query, predicates: [...parsed.query.predicates, visible] };
  const rows = runListQuery(tableOf(state.store, endpoint.model), listQuery);
  const records = rows.map((row) => formatRecord(state.store, endpoint, row));
  return { status: 200, body: state.switches.listEnvelope === 'data' ? { data: records } : records };
}

function create(state: SimState, endpoint: EndpointMapping, body: Readonly<Record<string, unknown>>): Reply {
  const parsed = parseWrite(state, endpoint, body, true);
  if (!parsed.ok) return { status: 400, body: parsed.error };
  const applied = createRecord(state.store, endpoint, parsed.write);
  if (!applied.ok) return { status: 400, body: applied.error };
  state.changes.emit({ kind: 'created', endpoint: endpoint.name, rowId: applied.row.id, via: 'api' });
  return { status: state.switches.postStatus, body: formatRecord(state.store, endpoint, applied.row) };
}

function update(state: SimState, endpoint: EndpointMapping, row: Row, body: Readonly<Record<string, unknown>>): Reply {
  const parsed = parseWrite(state, endpoint, body, false);
  if (!parsed.ok) return { status: 400, body: parsed.error };
  const applied = updateRecord(state.store, endpoint, row, parsed.write);
  if (!applied.ok) return { status: 400, body: applied.error };
  state.changes.emit({ kind: 'updated', endpoint: endpoint.name, rowId: row.id, via: 'api' });
  return { status: 200, body: formatRecord(state.store, endpoint, applied.row) };
}
