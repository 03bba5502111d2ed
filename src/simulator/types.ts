/**
 * Public surface of the BJET-compatible simulator (`createSimulator` in simulator/create-simulator.ts).
 * Tests, the demo and the benchmarks use only this.
 */
import type { HttpMethod } from '../model/source-model.js';
import type { SimChange } from './sim-changes.js';
import type { Outbound, OutboundOptions } from './outbound/outbound-types.js';

export type SimAuth =
  | { readonly type: 'none' }
  | { readonly type: 'basic'; readonly login: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string };

/** The contract's switches (shared/bjet-api.md, last section), set at start. */
export interface SimulatorSwitches {
  /** GET list body: a bare array (default) or `{ "data": [...] }`. */
  readonly listEnvelope: 'bare' | 'data';
  /** Status of a successful POST: 201 (default) or 200. */
  readonly postStatus: 201 | 200;
  /** `{id}` in URLs: the endpoint's identifier key value (default) or the Odoo database id. */
  readonly identifierMode: 'key' | 'odoo-id';
  /** Many2one on write: a nested object (default) or a bare identifier. */
  readonly many2oneWrite: 'object' | 'id';
  /**
   * Enable the `in`-operator filter key (comma-separated list) on endpoints that define one:
   * `true` for all of them, or the names of the endpoints that get it. Off, the key is ignored like
   * any unknown query key.
   */
  readonly inFilter: boolean | readonly string[];
}

export type LatencySpec = { readonly kind: 'fixed'; readonly ms: number } | { readonly kind: 'random'; readonly minMs: number; readonly maxMs: number };

export type FaultKind = 'status-500' | 'timeout' | 'reset' | 'malformed-json' | 'html-error' | 'status-429';

export interface FaultSpec {
  readonly kind: FaultKind;
  /** Fault the next N matching requests ... */
  readonly count?: number;
  /** ... or each matching request with this probability (0..1), drawn from the seeded generator. */
  readonly rate?: number;
  /** Only these methods (default: all). */
  readonly methods?: readonly HttpMethod[];
  /** For `status-429`: the `Retry-After` header in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** For `timeout`: the request is read, then never answered (until the socket closes). */
  /** For `reset`: `before` destroys the socket before reading the body, `after` after applying the write. */
  readonly resetWhen?: 'before' | 'after';
}

export interface RequestRecord {
  readonly seq: number;
  readonly method: string;
  /** Path without the query, e.g. `/bj_api_sync/v1/partners/7`. */
  readonly path: string;
  /** Endpoint name when the path matched one, else null. */
  readonly endpoint: string | null;
  /** Query parameters as received. */
  readonly query: Readonly<Record<string, string>>;
  /** Status sent, or 0 when no response was sent (timeout, reset). */
  readonly status: number;
  /** `X-Request-ID` as received (not a credential), or null. */
  readonly requestId: string | null;
  /** W3C `traceparent` as received, or null. */
  readonly traceparent: string | null;
}

/**
 * Per-token visibility on one endpoint (Odoo record rules seen through forwarded user tokens): the
 * endpoint then accepts `Authorization: Bearer <token>` for any of `tokens` instead of its own
 * credential.
 */
export interface SimVisibility {
  readonly tokens: readonly string[];
  /** Record identifier (the `{id}` form) → the tokens that may see it; records not named are seen by all. */
  readonly restricted: Readonly<Record<string, readonly string[]>>;
}

/**
 * The reverse proxy the vendor recommends in front of Odoo: so many requests a minute per client IP
 * and an hour per credential (`Authorization` header), counted over sliding windows of the requests
 * it let through. Beyond either, 429 with `Retry-After`, and nothing reaches Odoo.
 */
export interface ProxyLimitSpec {
  /** Per client IP (the socket's remote address) and 60 s; null: no such limit. */
  readonly perMinute: number | null;
  /** Per `Authorization` header value (no header is one credential too) and 3600 s; null: none. */
  readonly perHourPerCredential: number | null;
}

/** A fixed 60 s window since the proxy's start or last reset. */
export interface ProxyWindow {
  /** Milliseconds since the start (or reset) of the proxy's count. */
  readonly startMs: number;
  readonly accepted: number;
  readonly refused: number;
}

export interface ProxyCredentialStats {
  /** A label in order of first appearance (`c1`, `c2`, ...): credentials are kept only as keyed hashes. */
  readonly id: string;
  /** The header's scheme (`Bearer`, `Basic`) or `none`. */
  readonly scheme: string;
  readonly accepted: number;
  readonly refused: number;
  /** Most requests let through in any 3600 s window. */
  readonly busiestHour: number;
}

export interface ProxyStats {
  readonly limits: ProxyLimitSpec;
  readonly accepted: number;
  /** 429s sent, by the limit that refused them. */
  readonly refused: { readonly total: number; readonly perMinute: number; readonly perHour: number };
  /** Most requests let through from one IP in any 60 s window. */
  readonly busiestMinute: number;
  /** Most requests sent from one IP in any 60 s window, refused ones included. */
  readonly busiestMinuteOffered: number;
  readonly windows: readonly ProxyWindow[];
  readonly credentials: readonly ProxyCredentialStats[];
}

/** A change made inside Odoo (not through the API), for `editInOdoo` and `POST /__sim/odoo/<endpoint>/<id>`. */
export type OdooEdit = { readonly set: Readonly<Record<string, unknown>> } | { readonly archive: boolean } | { readonly delete: true };

export interface SimulatorOptions {
  /** Seed of the dataset and of random faults/latency (default 42). */
  readonly seed?: number;
  /** Dataset scale: 1 (default) is a few hundred records per big endpoint; 10 for benchmarks. */
  readonly size?: number;
  readonly switches?: Partial<SimulatorSwitches>;
  /** Per-endpoint auth override; endpoint name → auth. */
  readonly auth?: Readonly<Record<string, SimAuth>>;
  /** Per-endpoint allowed methods override. */
  readonly methods?: Readonly<Record<string, readonly HttpMethod[]>>;
  /**
   * Endpoints whose technical user lacks access rights on the model: every request that passes the
   * other checks gets Odoo's access error, 403 `{message}`.
   */
  readonly forbidden?: readonly string[];
  /** Per-endpoint visibility of records by token; endpoint name → rules. */
  readonly visibility?: Readonly<Record<string, SimVisibility>>;
  /** Latency for every endpoint at start. */
  readonly latency?: LatencySpec;
  /** Serve `GET/DELETE /__sim/records`, `POST /__sim/faults`, ... (default false). */
  readonly admin?: boolean;
  /** How many of the most recent request records are kept (default 100000). */
  readonly recordLimit?: number;
  /** Base path, default `/bj_api_sync/v1`. */
  readonly basePath?: string;
  /** Emulate the vendor's proxy in front of Odoo (default: none). */
  readonly proxyLimit?: ProxyLimitSpec;
  /** Milliseconds since the epoch, for the proxy's windows (default `Date.now`); tests inject one. */
  readonly clock?: () => number;
}

export interface EndpointDescription {
  readonly name: string;
  readonly model: string;
  readonly idKey: string;
  readonly methods: readonly HttpMethod[];
  readonly auth: SimAuth;
  readonly filters: readonly { readonly key: string; readonly operator: 'eq' | 'contains' | 'in' }[];
  readonly count: number;
}

export interface Simulator {
  /** Listens on host (default 127.0.0.1) and port (default 0 = ephemeral); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** e.g. `http://127.0.0.1:40123/bj_api_sync/v1`; throws before listen. */
  readonly baseUrl: string;
  /** Every request served, in order (credentials never recorded); the last `recordLimit` of them. */
  readonly records: readonly RequestRecord[];
  clearRecords(): void;
  /** Most requests in flight at once since start or the last reset. */
  readonly peakInFlight: number;
  resetPeak(): void;
  /** `'*'` applies to every endpoint. Replaces earlier latency for that target. */
  setLatency(endpoint: string, latency: LatencySpec | null): void;
  /** Adds a fault rule for an endpoint (`'*'` for all). */
  addFault(endpoint: string, fault: FaultSpec): void;
  clearFaults(): void;
  /** The endpoints, their auth (with credentials, for printing by `simulate`) and sizes. */
  describe(): readonly EndpointDescription[];
  /** Resets the dataset to its seeded state (records and faults kept). */
  resetData(): void;
  /** The proxy's counts, or null without `proxyLimit`. */
  proxyStats(): ProxyStats | null;
  /** Empties the proxy's windows and counts (its limits stay). */
  resetProxy(): void;
  /** A change made inside Odoo (the admin route's, in-process); the answer the admin route would send. */
  editInOdoo(endpoint: string, id: string, edit: OdooEdit): { readonly status: number; readonly body: unknown };
  /** Every record change (API writes where reported, changes inside Odoo); returns the unsubscribe function. */
  subscribeChanges(listener: (change: SimChange) => void): () => void;
  /** Sends every change from now on to a webhook, as BJET's outbound configurations would; stopped by `close`. */
  startOutbound(options: OutboundOptions): Outbound;
}
