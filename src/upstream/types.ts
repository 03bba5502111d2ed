/**
 * Public surface of the upstream client (`createUpstreamClient` in upstream/create-upstream-client.ts).
 * All REST traffic goes through one client per upstream; resolvers and introspection use only this.
 */
import type { HttpMethod } from '../model/source-model.js';
import type { OperationCancel } from './operation-cancel.js';

/** Per-GraphQL-operation facts every REST call of that operation carries. */
export interface CallContext {
  /** Sent as `X-Request-ID` on every call (the client's own, or one we made). */
  readonly requestId: string;
  /** Epoch ms after which no call starts and queued calls fail (`UPSTREAM_TIMEOUT`). */
  readonly deadline: number;
  /**
   * Epoch ms after which a call stops waiting for a rate-limit token (`UPSTREAM_RATE_LIMITED`),
   * when earlier than the deadline: a read with a stale answer at hand serves it rather than wait.
   */
  readonly tokenDeadline?: number | undefined;
  /** The GraphQL request's `Authorization` header, used only by `forward` auth. */
  readonly authorization?: string | undefined;
  /**
   * W3C `traceparent` sent with every call when tracing is on (like `requestId`, not part of what
   * makes two GETs identical: a shared GET carries its first caller's).
   */
  readonly traceparent?: string | undefined;
  /** Client headers already filtered by the allow-list (lower-case names). */
  readonly forwardedHeaders?: Readonly<Record<string, string>>;
  /**
   * Cancels this operation's GETs not sent yet (the server cancels it when the client goes away);
   * one on the wire finishes. A GET shared with other operations is abandoned only when all of them
   * are cancelled. Writes ignore it: once asked for, a write is sent and its outcome logged, never
   * dropped halfway.
   */
  readonly cancel?: OperationCancel;
  /** Called once per HTTP request actually sent (retries count), for cost accounting. */
  readonly onCall?: (call: CallRecord) => void;
  /**
   * Called instead when this call joined an identical GET already in flight (another operation's,
   * or this one's): nothing was sent for it, the other call's answer is shared.
   */
  readonly onShared?: () => void;
  /**
   * `background` for work no operation waits on (a cache refresh): the rate limiter lets it through
   * only when tokens are plenty (default `foreground`).
   */
  readonly priority?: 'foreground' | 'background';
  /** `no-cache`: skip cached answers for this operation and refresh them (default `default`). */
  readonly cache?: 'default' | 'no-cache';
  /**
   * Called when the record cache answered a read (nothing sent): `fresh`, `stale` (served while a
   * background refresh runs) or `stale-if-error` (the upstream failed or had no rate-limit token),
   * with the epoch ms the answer was fetched.
   */
  readonly onCacheHit?: (kind: CacheHitKind, fetchedAt: number, endpoint: string) => void;
  /** Called when a read of a cached endpoint found nothing it may serve and goes upstream (or waits for a call out). */
  readonly onCacheMiss?: (endpoint: string) => void;
  /**
   * Called for every answer a cached endpoint served (from the cache or just fetched): until when
   * (epoch ms) it stays fresh, and whether it belongs to one user (`forward` auth), for the
   * response's `Cache-Control`.
   */
  readonly onServed?: (freshUntil: number, personal: boolean) => void;
  /** Called when an attempt had to wait for a connection slot or a rate-limit token, with how long. */
  readonly onWait?: (resource: 'slot' | 'token', ms: number) => void;
}

/** The client's live protection state (for metrics and /readyz). */
export interface UpstreamStatus {
  /** Each breaker scope used so far (an endpoint's reads or writes) and its state. */
  readonly breakers: readonly { readonly endpoint: string; readonly methods: 'reads' | 'writes'; readonly state: 'closed' | 'open' | 'half-open' }[];
  /** Requests holding a connection slot now. */
  readonly inFlight: number;
  /** Attempts waiting for a slot now. */
  readonly queued: number;
}

export type CacheHitKind = 'fresh' | 'stale' | 'stale-if-error';

export interface CallRecord {
  readonly method: HttpMethod;
  readonly endpoint: string;
  /** Path template, e.g. `/partners/{id}`. */
  readonly path: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly attempt: number;
}

export interface UpstreamRequest {
  readonly method: HttpMethod;
  /** Configured endpoint name (must be in the config). */
  readonly endpoint: string;
  /** Record identifier, URL-encoded by the client; absent for list and create. */
  readonly id?: string;
  /** Query string parameters (limit, offset, filters). */
  readonly query?: Readonly<Record<string, string>>;
  /** JSON body for POST and PUT. */
  readonly body?: unknown;
}

export interface UpstreamResponse {
  readonly status: number;
  /** Parsed JSON (null for an empty body). */
  readonly body: unknown;
}

export type UpstreamRecord = Readonly<Record<string, unknown>>;

export interface UpstreamClient {
  /** Sends one request; throws a BjetError for any non-2xx, transport failure or unreadable body. */
  request(request: UpstreamRequest, ctx: CallContext): Promise<UpstreamResponse>;
  /** GET list; reads a bare array or `{ data: [...] }`. Read-only: a cached page is shared by every reader. */
  list(endpoint: string, query: Readonly<Record<string, string>>, ctx: CallContext): Promise<readonly UpstreamRecord[]>;
  /** GET by id; `null` on 404. */
  get(endpoint: string, id: string, ctx: CallContext): Promise<UpstreamRecord | null>;
  /** POST; the created record (fails with UPSTREAM_BAD_RESPONSE when the identifier is missing). */
  create(endpoint: string, body: UpstreamRecord, ctx: CallContext): Promise<UpstreamRecord>;
  /** PUT (partial); the body as answered, which may not be a record. */
  update(endpoint: string, id: string, body: UpstreamRecord, ctx: CallContext): Promise<unknown>;
  /** DELETE; the body as answered. */
  remove(endpoint: string, id: string, ctx: CallContext): Promise<unknown>;
  /**
   * Closes the connection pools once the calls on the wire have ended; `force` aborts them instead
   * (a stop whose grace period is over).
   */
  close(options?: { readonly force?: boolean }): Promise<void>;
  /** The live breaker and limiter state; absent on wrappers that own no protection. */
  status?(): UpstreamStatus;
}
