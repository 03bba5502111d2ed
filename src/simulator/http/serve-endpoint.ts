/**
 * A request that names an endpoint: latency, faults, then the contract's order of checks: unknown
 * endpoint (404) → credentials (401) → method (405) → body (400) → mapping lines (400).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { handleEndpoint } from '../handlers/handle-endpoint.js';
import type { Reply, SimState } from '../sim-state.js';
import { checkAuth } from './check-auth.js';
import { replyJson, resetConnection, type Exchange } from './exchange.js';
import { injectFault } from './inject-fault.js';
import { viewerOf } from '../visibility.js';
import { readBody } from './read-body.js';
import type { Route } from './route-request.js';

type EndpointRoute = Extract<Route, { kind: 'endpoint' }>;

export async function serveEndpoint(state: SimState, exchange: Exchange, route: EndpointRoute, query: URLSearchParams): Promise<void> {
  const delay = state.latency.delayFor(route.name);
  if (delay > 0) await sleep(delay);
  const fault = state.faults.take(route.name, route.method);
  if (fault?.kind === 'reset' && fault.resetWhen !== 'after') return resetConnection(exchange);
  const text = await readBody(exchange.req);
  if (fault !== null && fault.kind !== 'reset') return injectFault(exchange, fault);
  const answer = checkAndHandle(state, exchange, route, query, text);
  // `reset` after the write: the change is applied but the client never learns it.
  if (fault?.kind === 'reset') return resetConnection(exchange);
  replyJson(exchange, answer.status, answer.body);
}

function checkAndHandle(state: SimState, exchange: Exchange, route: EndpointRoute, query: URLSearchParams, text: string): Reply {
  const endpoint = state.endpoints.get(route.name);
  if (endpoint === undefined) return { status: 404, body: { message: `Endpoint not found: ${route.name}` } };
  const visibility = state.visibility.get(route.name);
  const header = exchange.req.headers.authorization;
  const viewer = visibility === undefined ? null : viewerOf(visibility, header);
  if (viewer === undefined || (viewer === null && !checkAuth(endpoint.auth, header))) {
    return { status: 401, body: { message: 'Unauthorized: missing or invalid credentials' } };
  }
  if (!endpoint.methods.includes(route.method)) {
    return { status: 405, body: { message: `Method ${route.method} is not allowed on endpoint ${route.name}` } };
  }
  let body: Record<string, unknown> = {};
  if (route.method === 'POST' || route.method === 'PUT') {
    const parsed = parseJsonObject(text);
    if (typeof parsed === 'string') return { status: 400, body: { message: parsed } };
    body = parsed;
  }
  if (state.forbidden.has(route.name)) {
    return { status: 403, body: { message: `Access Denied: you are not allowed to access '${endpoint.model}' records` } };
  }
  try {
    return handleEndpoint(state, { method: route.method, endpoint, id: route.id, query, body, viewer });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { error: message, line_id: '', status_code: 'INTERNAL_ERROR' } };
  }
}

/** The object, or the 400 message. */
function parseJsonObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Invalid JSON body';
  }
  if (Array.isArray(value)) return 'Expected one JSON object: array (bulk) bodies are not supported';
  if (typeof value !== 'object' || value === null) return 'Expected one JSON object';
  return value as Record<string, unknown>;
}
