/**
 * Transport failures (no usable HTTP answer) → BjetError. The one distinction that matters for a
 * write: was the request possibly applied? A refused connection or a connect timeout sent nothing;
 * a read timeout, a reset or an abort after sending leaves the outcome unknown.
 */
import type { BjetError } from '../errors/bjet-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { upstreamFailure, type CallSite } from './upstream-failure.js';

export type TransportKind = 'connect-timeout' | 'refused' | 'unresolved' | 'timeout' | 'reset' | 'aborted' | 'too-large' | 'unknown';

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The host name did not resolve: nothing was sent, and the fix is the base URL or DNS. */
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

export function classifyTransportError(error: unknown): TransportKind {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  // `TimeoutError` is the reason of the deadline's AbortSignal.timeout (see call-upstream).
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError') return 'timeout';
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'too-large';
  if (code === 'UND_ERR_ABORTED' || name === 'AbortError') return 'aborted';
  if (typeof code === 'string' && REFUSED.has(code)) return 'refused';
  if (typeof code === 'string' && UNRESOLVED.has(code)) return 'unresolved';
  if (typeof code === 'string' && RESET.has(code)) return 'reset';
  return 'unknown';
}

export interface TransportFailure {
  readonly error: BjetError;
  /** Worth another GET. */
  readonly retryable: boolean;
  /** Counts towards opening the breaker (the upstream looks unhealthy). */
  readonly unhealthy: boolean;
}

const WRITE_UNKNOWN = 'the request was sent but no answer came; it may or may not have been applied (not retried)';

function describe(kind: Exclude<TransportKind, 'unknown'>, maxBytes: number): [ErrorCode, string] {
  switch (kind) {
    case 'connect-timeout':
      return ['UPSTREAM_TIMEOUT', 'could not connect to the upstream in time'];
    case 'refused':
      return ['UPSTREAM_UNAVAILABLE', 'the upstream refused the connection'];
    case 'unresolved':
      return ['UPSTREAM_UNAVAILABLE', "the upstream's host name could not be resolved (DNS): check upstream.baseUrl"];
    case 'timeout':
      return ['UPSTREAM_TIMEOUT', 'no answer from the upstream in time'];
    case 'reset':
      return ['UPSTREAM_UNAVAILABLE', 'the upstream closed the connection without an answer'];
    case 'aborted':
      return ['UPSTREAM_TIMEOUT', 'the operation ended (deadline or cancel) before the upstream answered'];
    case 'too-large':
      return ['UPSTREAM_BAD_RESPONSE', `the upstream answer is larger than ${maxBytes} bytes`];
  }
}

/** The failure for a transport error, or null when the error is not one (a bug: let it through). */
export function mapTransportError(error: unknown, site: CallSite, maxBytes: number): TransportFailure | null {
  const kind = classifyTransportError(error);
  if (kind === 'unknown') return null;
  const isWrite = site.method !== 'GET';
  // Known outcome: nothing was sent (refused, unresolved, connect timeout). An answer too large to read may be
  // the 2xx of an applied write: unknown too.
  const outcomeKnown = kind === 'connect-timeout' || kind === 'refused' || kind === 'unresolved';
  const [code, detail] = isWrite && !outcomeKnown ? ['UPSTREAM_WRITE_OUTCOME_UNKNOWN' as const, WRITE_UNKNOWN] : describe(kind, maxBytes);
  return {
    error: upstreamFailure(code, site, detail, {}, error),
    retryable: !isWrite && kind !== 'aborted' && kind !== 'too-large',
    unhealthy: kind !== 'aborted' && kind !== 'too-large',
  };
}
