/** One request/response pair: every answer goes through here so that the record gets its status. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenRecord } from '../request-log.js';

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** null for admin requests, which are not recorded. */
  readonly record: OpenRecord | null;
}

export function reply(exchange: Exchange, status: number, contentType: string, body: string, headers: Readonly<Record<string, string>> = {}): void {
  if (exchange.res.headersSent || exchange.res.destroyed) return;
  if (exchange.record !== null) exchange.record.status = status;
  exchange.res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  exchange.res.end(body);
}

export function replyJson(exchange: Exchange, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  reply(exchange, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

export function replyHtml(exchange: Exchange, status: number, html: string, headers: Readonly<Record<string, string>> = {}): void {
  reply(exchange, status, 'text/html; charset=utf-8', html, headers);
}

/** Connection reset: the socket goes away with nothing answered (the record keeps status 0). */
export function resetConnection(exchange: Exchange): void {
  exchange.req.socket.destroy();
}
