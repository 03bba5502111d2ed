/** Entry point of every HTTP request: routes it, records it, and answers it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../sim-state.js';
import { replyHtml, replyJson, type Exchange } from './exchange.js';
import { handleAdmin } from './handle-admin.js';
import { ODOO_METHOD_NOT_ALLOWED_PAGE, ODOO_NOT_FOUND_PAGE, PROXY_TOO_MANY_REQUESTS_PAGE } from './pages.js';
import { routeRequest } from './route-request.js';
import { serveEndpoint } from './serve-endpoint.js';

export function handleRequest(state: SimState, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  const method = req.method ?? 'GET';
  const route = routeRequest(method, path, state.basePath, state.admin);
  if (route.kind === 'admin') {
    // handleAdmin answers its own errors; only a broken request stream can reject here.
    handleAdmin(state, { req, res, record: null }, method, route.path).catch(() => res.destroy());
    return;
  }
  const requestId = req.headers['x-request-id'];
  const record = state.log.open({
    method,
    path,
    endpoint: route.kind === 'endpoint' && state.endpoints.has(route.name) ? route.name : null,
    query: Object.fromEntries(query),
    requestId: typeof requestId === 'string' ? requestId : null,
  });
  res.on('close', () => state.log.done());
  const exchange: Exchange = { req, res, record };
  // The proxy counts every request it passes on, whatever the path; a refused one never reaches Odoo.
  const verdict = state.proxy?.admit(req.socket.remoteAddress ?? '', req.headers.authorization) ?? { ok: true };
  if (!verdict.ok) {
    replyHtml(exchange, 429, PROXY_TOO_MANY_REQUESTS_PAGE, { 'Retry-After': String(verdict.retryAfterSeconds) });
    return;
  }
  switch (route.kind) {
    case 'html-404':
      replyHtml(exchange, 404, ODOO_NOT_FOUND_PAGE);
      return;
    case 'html-405':
      replyHtml(exchange, 405, ODOO_METHOD_NOT_ALLOWED_PAGE);
      return;
    case 'endpoint':
      serveEndpoint(state, exchange, route, query).catch((error: unknown) => {
        replyJson(exchange, 500, { message: error instanceof Error ? error.message : 'simulator failure' });
      });
  }
}
