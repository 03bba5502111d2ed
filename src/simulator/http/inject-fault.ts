/** The answer (or the silence) of an injected fault. `reset` is handled by the caller around the write. */
import { mappingError } from '../mapping-error.js';
import type { FaultSpec } from '../types.js';
import { replyHtml, reply, replyJson, type Exchange } from './exchange.js';
import { MALFORMED_JSON_BODY, PROXY_BAD_GATEWAY_PAGE, PROXY_TOO_MANY_REQUESTS_PAGE } from './pages.js';

export function injectFault(exchange: Exchange, fault: FaultSpec): void {
  switch (fault.kind) {
    case 'status-500':
      replyJson(exchange, 500, mappingError('', 'INTERNAL_ERROR', 'Internal Server Error (simulated)'));
      return;
    case 'timeout':
      // Never answered: the client's timeout fires, or the socket closes when the simulator does.
      return;
    case 'reset':
      exchange.req.socket.destroy();
      return;
    case 'malformed-json':
      reply(exchange, 200, 'application/json; charset=utf-8', MALFORMED_JSON_BODY);
      return;
    case 'html-error':
      replyHtml(exchange, 502, PROXY_BAD_GATEWAY_PAGE);
      return;
    case 'status-429':
      replyHtml(exchange, 429, PROXY_TOO_MANY_REQUESTS_PAGE, { 'Retry-After': String(fault.retryAfterSeconds ?? 1) });
      return;
  }
}
