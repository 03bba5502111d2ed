/**
 * The validated, frozen configuration. `parseConfig` (config/parse-config.ts) is the only producer:
 * every default is applied there, so consumers never re-check or re-default.
 */
import type { HttpMethod, ScalarName } from '../model/source-model.js';

export type AuthConfig =
  | { readonly type: 'none' }
  | { readonly type: 'basic'; readonly login: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string }
  /** The GraphQL request's own `Authorization` header goes upstream unchanged. */
  | { readonly type: 'forward' };

export interface TimeoutsConfig {
  /** TCP connect timeout, default 5000. */
  readonly connectMs: number;
  /** Time to the response headers and between body chunks, default 15000. */
  readonly readMs: number;
}

export interface RetryConfig {
  /** Total attempts for a GET, first one included (default 3). Writes are never retried. */
  readonly attempts: number;
  /** Backoff base and cap (exponential with full jitter). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the 429 is returned (default 10000). */
  readonly maxRetryAfterMs: number;
}

export interface BreakerConfig {
  /**
   * Consecutive failures that open the breaker of one scope, an endpoint's reads or its writes
   * (default 5). Only "the upstream is down" counts: refused, reset, timeout, 502/503/504, a 5xx
   * without a BJET error body (docs/resilience.md).
   */
  readonly failureThreshold: number;
  /** How long it stays open before one half-open probe (default 10000). */
  readonly openMs: number;
}

export interface UpstreamConfig {
  /** e.g. `http://127.0.0.1:8069/bj_api_sync/v1`, no trailing slash. */
  readonly baseUrl: string;
  readonly auth: AuthConfig;
  readonly timeouts: TimeoutsConfig;
  readonly retries: RetryConfig;
  /** Concurrent requests in flight to this upstream at most (default 8). */
  readonly concurrency: number;
  /** The vendor proxy's two limits as the client keeps them (docs/caching.md, "Both limits"). */
  readonly rateLimit: RateLimitConfig;
  /** The record cache's global settings; null = off everywhere (`upstream.cache: false`). */
  readonly cache: UpstreamCacheConfig | null;
  /**
   * Secret of the keyed hash (HMAC-SHA256) that names a credential in cache partitions and in the
   * hourly rate-limit keys; null = a random one per process (replicas sharing a store need one).
   */
  readonly credentialKeySecret: string | null;
  readonly breaker: BreakerConfig;
  /** Largest response body read, in bytes (default 10 MiB). */
  readonly maxResponseBytes: number;
  /** Client request headers (lower case) that may be forwarded upstream (default: accept-language). */
  readonly forwardHeaders: readonly string[];
}

export interface RateLimitConfig {
  /** Requests a minute for every call of this upstream together (the proxy counts per IP); null = off. */
  readonly perMinute: number | null;
  /** Requests an hour per credential (the proxy counts per API key; per user with `forward`); null = off. */
  readonly perHourPerCredential: number | null;
  /**
   * Of a credential's hour, how many calls may go at once (the rest flows evenly over the hour);
   * null = the default, a tenth of `perHourPerCredential`.
   */
  readonly hourlyBurst?: number | null;
  /**
   * Of the upstream's minute, how many calls may go at once (the rest flows evenly over the
   * minute); null = the default, a tenth of `perMinute`.
   */
  readonly minuteBurst?: number | null;
}

/** How long an endpoint's answers are kept (docs/caching.md says why the defaults are what they are). */
export interface EndpointCacheConfig {
  /** Served as fresh for this long after the upstream answered (default 30). */
  readonly ttlSeconds: number;
  /** Then served stale while one background refresh runs, for this long at most (default 30). */
  readonly staleWhileRevalidateSeconds: number;
  /** Served instead of an upstream failure (5xx, timeout, breaker, no rate-limit token) until TTL + this (default 300). */
  readonly staleIfErrorSeconds: number;
  /** Entries of this endpoint kept at most (default: the global `maxEntries`). */
  readonly maxEntries: number;
  /**
   * An endpoint of at most this many records is read whole, page by page, once its record reads
   * cost as many calls as that would (0: never; default 1000; docs/caching.md "Sweeps").
   */
  readonly sweepMaxRecords: number;
}

export interface UpstreamCacheConfig extends EndpointCacheConfig {
  /** Bytes (JSON length) of all entries together at most (default 32 MiB). */
  readonly maxBytes: number;
  /** Where entries live: `memory` (this process, the default) or `redis` (shared by replicas, needs `redis:`). */
  readonly store: 'memory' | 'redis';
}

export interface FieldConfig {
  /** Forces the GraphQL type of a field instead of inferring it. */
  readonly type?: ScalarName;
  /** Values of a selection field: makes it an enum. */
  readonly enum?: readonly string[];
  /** GraphQL field name override. */
  readonly name?: string;
  /**
   * Left out of the create and update inputs (computed or system fields). Defaults to true for
   * Odoo's log-access keys (`create_date`, `write_date`, `create_uid`, `write_uid`, `__last_update`).
   */
  readonly readOnly?: boolean;
  /**
   * Non-null in the create input (default false: a value always present on read is often an Odoo
   * default, so it is not demanded on create; the upstream rejects what it really needs).
   */
  readonly required?: boolean;
}

export interface EndpointConfig {
  /** The configured name: the URL segment and the key in the config file. */
  readonly name: string;
  readonly methods: readonly HttpMethod[];
  /** Overrides the upstream's auth for this endpoint. */
  readonly auth: AuthConfig | null;
  /** External key of the identifier (default `id`). */
  readonly idKey: string;
  /** GraphQL type name override (default: PascalCase singular of the name). */
  readonly typeName: string | null;
  /** Configured filter keys (query-string keys the endpoint accepts). */
  readonly filters: readonly string[];
  /** Filter key that accepts a comma-separated identifier list, or null. */
  readonly idListFilter: string | null;
  /** External key of a relational field → endpoint name it points to. */
  readonly relations: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, FieldConfig>>;
  /** Largest `limit` sent to the upstream and allowed in a query (default 100). */
  readonly maxPageSize: number;
  /** Per-endpoint timeouts (default: the upstream's). */
  readonly timeouts: TimeoutsConfig;
  /** How a Many2one is written: `object` `{ "<idKey>": v }` (default) or bare `id`. */
  readonly many2oneWrite: 'object' | 'id';
  /** The global cache settings with this endpoint's overrides; null = not cached. */
  readonly cache: EndpointCacheConfig | null;
}

interface IntrospectionConfig {
  /** Pages sampled per endpoint (default 3) of `pageSize` records (default 100). */
  readonly pages: number;
  readonly pageSize: number;
}

/** Limits an operation must meet before it runs (docs/serving.md); each has its own error code. */
export interface OperationLimitsConfig {
  /** Deepest field nesting; every field counts a level, a relation hop included (default 10). */
  readonly depth: number;
  /** Aliased fields, fragments expanded (default 30). */
  readonly aliases: number;
  /** Fields at the root of one operation (default 10). */
  readonly rootFields: number;
  /** Directives applied in one operation, fragments expanded (default 20). */
  readonly directives: number;
  /** Lexical tokens of the whole document, checked while parsing (default 2000). */
  readonly tokens: number;
  /** Selected fields in one operation, fragments expanded ("breadth", default 200). */
  readonly fields: number;
  /** Longest filter string or id argument, in characters (default 1000). */
  readonly stringLength: number;
  /** Most elements in a list filter (default 100). */
  readonly listLength: number;
  /**
   * Longest request target (path and query, in bytes) sent upstream (default 4096, well under the
   * 8 KiB a proxy or Odoo's server accepts); a longer one is refused as BAD_USER_INPUT, unsent.
   */
  readonly urlBytes: number;
}

/** Bounds of each cache of parsed, validated or compiled documents. */
export interface DocumentCacheConfig {
  /** Entries kept at most (default 1000). */
  readonly maxEntries: number;
  /** Estimated heap bytes kept at most (default 32 MiB). */
  readonly maxBytes: number;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Largest GraphQL request body (default 1 MiB). */
  readonly bodyLimitBytes: number;
  /** Allowed CORS origins; empty = CORS off (same-origin only). `*` allows any. */
  readonly corsOrigins: readonly string[];
  /** Report REST calls per operation in the response's `extensions.cost` (default false; on in the demo). */
  readonly costInExtensions: boolean;
  /** Most REST calls one operation may make (default 50). */
  readonly budget: number;
  /** Deadline for a whole GraphQL operation, queueing and retries included (default 30000). */
  readonly operationDeadlineMs: number;
  /** `limit` of a list field when the query gives none (default 20). */
  readonly defaultPageSize: number;
  /** Serve GraphiQL at GET /graphql for browsers (default: on, off in production). */
  readonly graphiql: boolean;
  /**
   * Time a client has to send a whole request, headers and body (default 30000): a client that
   * drips its body is answered 408 and cut (docs/resilience.md).
   */
  readonly requestTimeoutMs: number;
  /** Time a client has to send the request headers (default 10000, at most `requestTimeoutMs`). */
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (default 72000, above common proxies' 60 s). */
  readonly keepAliveTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long in-flight operations have to finish before connections are cut (default 10000). */
  readonly shutdownGraceMs: number;
  /** Production mode (default: `NODE_ENV=production`): GraphiQL, introspection and suggestions off. */
  readonly production: boolean;
  /** Answer introspection queries (default: on, off in production). */
  readonly introspection: boolean;
  readonly limits: OperationLimitsConfig;
  readonly documentCache: DocumentCacheConfig;
  /** Replicas sharing the vendor's limits through Redis (default 1): each falls back to 1/N without it. */
  readonly replicas: number;
  /** Serve Prometheus metrics at GET /metrics (default true). */
  readonly metrics: boolean;
  /** Serve them on this port instead of the GraphQL one (same host); null = the GraphQL port. */
  readonly metricsPort: number | null;
  /** Minimum log level (default `info`; the LOG_LEVEL environment variable overrides it). */
  readonly logLevel: LogLevel;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface TracingConfig {
  /**
   * OTLP/HTTP collector base URL (`/v1/traces` is appended), e.g. `http://127.0.0.1:4318`; null = tracing
   * off (the OTEL_EXPORTER_OTLP_* environment variables can turn it on).
   */
  readonly otlpEndpoint: string | null;
  /** Share of new traces recorded, 0 to 1 (default 1); a client's sampled `traceparent` is always followed. */
  readonly sampleRatio: number;
}

export interface TelemetryConfig {
  readonly tracing: TracingConfig;
}

/** Shared state of replicas (`redis:`); absent = everything in process. */
export interface RedisConfig {
  /** `redis://[user:pass@]host:port[/db]` or `rediss://` for TLS. Carries credentials: never logged. */
  readonly url: string;
  /** Prefix of every key and channel (default `bjet:`). */
  readonly keyPrefix: string;
  /** Longest wait for one command before the replica goes on without Redis (default 250). */
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Bounds of the local tier in front of Redis (default 2000 entries, 16 MiB). */
  readonly localMaxEntries: number;
  readonly localMaxBytes: number;
  /** Files for a `rediss://` URL (absolute paths); null = Node's built-in CAs and no client certificate. */
  readonly tls: RedisTlsConfig | null;
}

/** PEM files of a TLS connection to Redis; a null file is not used. */
export interface RedisTlsConfig {
  /** CAs trusted for the server's certificate instead of Node's built-in list (a private CA). */
  readonly caFile: string | null;
  /** Client certificate and its key, for a server that asks for one (`tls-auth-clients yes`). */
  readonly certFile: string | null;
  readonly keyFile: string | null;
}

/** Credentials Odoo's outbound configuration sends to our webhook (none is not allowed: a webhook changes state). */
export type WebhookAuthConfig =
  { readonly type: 'basic'; readonly login: string; readonly password: string } | { readonly type: 'bearer'; readonly token: string };

/** Re-reads of pushed hints for waiting subscribers, at background priority. */
export interface EagerRefreshConfig {
  /** At most this many in any 60 s (0 = none: subscribers then see only trusted payloads, our own writes and deletes). */
  readonly perMinute: number;
}

/** What one endpoint's outbound configuration does differently; each key left out is the section's. */
export interface WebhookEndpointOverrides {
  readonly auth?: WebhookAuthConfig;
  /** `null` turns a section-wide signature requirement off for this endpoint. */
  readonly hmacSecret?: string | null;
  readonly signatureHeader?: string;
  readonly eventHeader?: string;
  readonly trustPayload?: boolean;
  /** This endpoint's own budget; without it the endpoint shares the section's. */
  readonly eagerRefresh?: EagerRefreshConfig;
}

/** The webhook that receives BJET's outbound calls (docs/change-feed.md). */
export interface WebhooksConfig {
  /** Routes are `POST <pathPrefix>/<endpoint>` and `POST <pathPrefix>/<endpoint>/<event>` (default `/hooks/bjet`). */
  readonly pathPrefix: string;
  readonly auth: WebhookAuthConfig;
  /** Shared secret of an optional HMAC-SHA256 signature of the raw body (hex, in `signatureHeader`); null = not required. */
  readonly hmacSecret: string | null;
  /** Lower case (default `x-bjet-signature`); `sha256=` before the hex is accepted. */
  readonly signatureHeader: string;
  /** Header naming the event when the path does not (default `x-bjet-event`). */
  readonly eventHeader: string;
  /** A complete payload (every mapped key) is taken as the record instead of a hint to re-read (default false). */
  readonly trustPayload: boolean;
  /** Largest body accepted (default 1 MiB). */
  readonly bodyLimitBytes: number;
  /** Records per delivery at most (default 100, the module's page size). */
  readonly maxRecords: number;
  /** Shared by every endpoint without its own (default 5 a minute). */
  readonly eagerRefresh: EagerRefreshConfig;
  /** By configured endpoint name (header names lower-cased). */
  readonly endpoints: Readonly<Record<string, WebhookEndpointOverrides>>;
}

/** GraphQL subscriptions over WebSocket (graphql-transport-ws) at /graphql. */
export interface SubscriptionsConfig {
  readonly enabled: boolean;
  /** Active subscriptions per connection (default 100) and per server (default 10000). */
  readonly maxPerConnection: number;
  readonly maxPerServer: number;
  /** A connection that sends no `connection_init` within this is closed with 4408 (default 10000). */
  readonly connectionInitTimeoutMs: number;
  /** Largest message a client may send; bigger closes with 1009 (default 64 KiB). */
  readonly maxMessageBytes: number;
  /** Events waiting for a slow connection at most; one more closes it with 4503 (default 100). */
  readonly maxQueuedEvents: number;
  /** WebSocket ping interval; a connection that missed the previous pong is dropped (default 12000; 0 = off). */
  readonly keepAliveMs: number;
}

export interface Config {
  /** Absolute path of the file it came from, or null when built in code (the demo). */
  readonly source: string | null;
  readonly upstream: UpstreamConfig;
  /** Sorted by name. */
  readonly endpoints: readonly EndpointConfig[];
  readonly introspection: IntrospectionConfig;
  readonly server: ServerConfig;
  /** Off (null) unless configured. */
  readonly webhooks: WebhooksConfig | null;
  readonly subscriptions: SubscriptionsConfig;
  readonly redis: RedisConfig | null;
  readonly telemetry: TelemetryConfig;
  /** Directory of the generated schema (default `schema`, relative to the config file). */
  readonly schemaDir: string;
}

/** One problem found in a config file: a dotted path (`endpoints.partners.relations.country_id`) and the fix. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}
