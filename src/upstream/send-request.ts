/** The only place that talks HTTP: one request on a keep-alive pool, the body read once as text. */
import { errors, type Dispatcher } from 'undici';
import type { BuiltRequest } from './build-request.js';
import type { RawResponse } from './read-response.js';

export interface SendOptions {
  /** Time to the response headers and between body chunks (the read timeout, cut by the deadline). */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal: AbortSignal | undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves with whatever status came back; rejects only on transport failures (see map-transport-error). */
export async function sendRequest(pool: Dispatcher, built: BuiltRequest, options: SendOptions): Promise<RawResponse> {
  const response = await pool.request({
    path: built.path,
    method: built.method,
    headers: built.headers,
    body: built.body ?? null,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: options.signal ?? null,
  });
  const length = single(response.headers['content-length']);
  // The pool's maxResponseSize stops a streamed body; a declared length over the cap is refused unread.
  if (length !== undefined && Number(length) > options.maxBytes) {
    response.body.destroy();
    throw new errors.ResponseExceededMaxSizeError();
  }
  const text = await response.body.text();
  return {
    status: response.statusCode,
    contentType: single(response.headers['content-type']),
    retryAfter: single(response.headers['retry-after']),
    text,
  };
}
