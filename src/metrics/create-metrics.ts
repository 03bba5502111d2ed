/**
 * The Prometheus metrics of one server: a registry of its own (never prom-client's global one, so
 * several servers in one process keep separate counts) and the few calls the parts that count make.
 * Labels hold only bounded values: operation types, error codes, configured endpoint names, HTTP
 * methods and status classes; never an id, a filter value or anything else a client chose.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheStoreSink } from '../cache/create-cache-tally.js';
import type { CacheHitKind, CallRecord, UpstreamStatus } from '../upstream/types.js';
import type { DeliveryCount } from '../webhooks/create-webhook-counters.js';
import { EVENT_NAMES } from '../webhooks/parse-event-name.js';
import { registerCacheMetrics } from './register-cache-metrics.js';
import { createTallyCounter } from './create-tally-counter.js';
import { registerRedisMetrics, type WatchedRedis } from './register-redis-metrics.js';

export type WaitResource = 'slot' | 'token';
export type BudgetPhase = 'estimate' | 'run';

export interface Metrics {
  readonly registry: Registry;
  /** One GraphQL operation answered: its type (`unknown` when it did not parse) and result. */
  operation(type: string, result: string, seconds: number): void;
  /** One HTTP request sent upstream (the client's `CallContext.onCall`). */
  restCall(call: CallRecord): void;
  /** A GET that joined an identical one in flight (`CallContext.onShared`). */
  sharedCall(): void;
  /** Time an attempt waited for a connection slot or a rate-limit token (`CallContext.onWait`). */
  waited(resource: WaitResource, ms: number): void;
  budgetRefused(phase: BudgetPhase): void;
  /** An operation refused by an operation limit (`server.limits`), by rule: depth, aliases, ... */
  limitRefused(rule: string): void;
  /** The upstream client's live state, read at each scrape (breakers, in-flight, queued). */
  watchUpstream(read: () => UpstreamStatus): void;
  /** Subscriptions active now, read at each scrape. */
  watchSubscriptions(read: () => number): void;
  /** A read the record cache answered (`CallContext.onCacheHit`). */
  cacheHit(kind: CacheHitKind, endpoint: string): void;
  /** A read of a cached endpoint the cache could not answer (`CallContext.onCacheMiss`). */
  cacheMiss(endpoint: string): void;
  /** The webhook's delivery counts, read at each scrape (labels outside `endpoints` and known events become `unknown`). */
  watchWebhooks(read: () => readonly DeliveryCount[], endpoints: readonly string[]): void;
  /** Given to the cache's store at its construction: evictions, entries and bytes held. */
  readonly cacheStore: CacheStoreSink;
  /** The Redis link, when `redis:` is configured: registers the `bjet_redis_*` metrics (once). */
  watchRedis(link: WatchedRedis): void;
  /** A reload of the config and schema/ (SIGHUP, `serve --watch`): applied or refused. */
  reloaded(outcome: ReloadOutcome): void;
}

export type ReloadOutcome = 'ok' | 'refused';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];
const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
/** Error codes are upper-case words from a fixed table; anything else is not a label value. */
const CODE = /^[A-Z][A-Z_]{0,63}$/;

export function statusClass(status: number | null): string {
  return status === null ? 'none' : `${Math.floor(status / 100)}xx`;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // Lag sampled every 100 ms, not 10: a 10 ms timer costs an idle server 1.2 % of a core (docs/operations.md).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const counter = (name: string, help: string, labelNames: readonly string[] = []): Counter => new Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: readonly string[], buckets: number[]): Histogram =>
    new Histogram({ name, help, labelNames, buckets, registers });
  const operations = counter('bjet_graphql_operations_total', 'GraphQL operations answered, by type and result (ok or the first error code)', [
    'type',
    'result',
  ]);
  const operationSeconds = histogram(
    'bjet_graphql_operation_duration_seconds',
    'GraphQL operation latency, from request to response',
    ['type'],
    LATENCY_BUCKETS,
  );
  const requests = counter('bjet_upstream_requests_total', 'HTTP requests sent upstream (each retry counts)', ['endpoint', 'method', 'status_class']);
  const requestSeconds = histogram(
    'bjet_upstream_request_duration_seconds',
    'Upstream HTTP request latency, on the wire',
    ['endpoint', 'method'],
    LATENCY_BUCKETS,
  );
  const retries = counter('bjet_upstream_retries_total', 'Upstream requests that were a retry (attempt 2 or later)', ['endpoint', 'method']);
  const shared = counter('bjet_upstream_shared_calls_total', 'GETs answered by an identical GET already in flight, with nothing sent');
  const waits = histogram(
    'bjet_upstream_wait_seconds',
    'Time an upstream attempt waited for a connection slot or a rate-limit token (only attempts that waited)',
    ['resource'],
    WAIT_BUCKETS,
  );
  const budget = counter('bjet_budget_refusals_total', 'Operations refused for their REST-call budget, before any call (estimate) or at run time (run)', [
    'phase',
  ]);
  const limits = counter('bjet_operation_limit_refusals_total', 'Operations refused by an operation limit (server.limits), by rule', ['rule']);
  // Counted per read, many per operation: tallied here, handed to prom-client at each scrape.
  const cacheHits = createTallyCounter({
    name: 'bjet_cache_hits_total',
    help: 'Reads the record cache answered with nothing sent: fresh, stale (while revalidating) or stale-if-error',
    labelNames: ['endpoint', 'kind'],
    registers,
  });
  const cacheMisses = createTallyCounter({
    name: 'bjet_cache_misses_total',
    help: 'Reads of a cached endpoint the record cache could not answer (they went upstream)',
    labelNames: ['endpoint'],
    registers,
  });
  const reloads = counter('bjet_config_reloads_total', 'Reloads of the config and schema/, by outcome (ok, or refused and the old ones kept)', ['outcome']);
  let readWebhooks: { read: () => readonly DeliveryCount[]; endpoints: ReadonlySet<string> } | null = null;
  new Counter({
    name: 'bjet_webhook_deliveries_total',
    help: 'Webhook deliveries by endpoint, event and outcome (applied, ignored, refused)',
    labelNames: ['endpoint', 'event', 'outcome'],
    registers,
    collect() {
      if (readWebhooks === null) return;
      this.reset();
      for (const count of readWebhooks.read()) {
        const endpoint = readWebhooks.endpoints.has(count.endpoint) ? count.endpoint : 'unknown';
        const event = EVENT_NAMES.includes(count.event) || count.event === '' ? count.event || 'changed' : 'unknown';
        this.inc({ endpoint, event, outcome: count.outcome }, count.deliveries);
      }
    },
  });
  let readUpstream: (() => UpstreamStatus) | null = null;
  new Gauge({
    name: 'bjet_upstream_breaker_state',
    help: "Circuit breaker state per scope (an endpoint's reads or writes): 1 for the current state, 0 for the others",
    labelNames: ['endpoint', 'methods', 'state'],
    registers,
    collect() {
      for (const scope of readUpstream?.().breakers ?? []) {
        for (const state of BREAKER_STATES) this.set({ endpoint: scope.endpoint, methods: scope.methods, state }, scope.state === state ? 1 : 0);
      }
    },
  });
  let readSubscriptions: (() => number) | null = null;
  new Gauge({
    name: 'bjet_subscriptions_open',
    help: 'GraphQL subscriptions active now, on every WebSocket connection',
    registers,
    collect() {
      this.set(readSubscriptions?.() ?? 0);
    },
  });
  new Gauge({
    name: 'bjet_upstream_in_flight',
    help: 'Upstream requests on the wire now',
    registers,
    collect() {
      this.set(readUpstream?.().inFlight ?? 0);
    },
  });
  new Gauge({
    name: 'bjet_upstream_queued',
    help: 'Upstream attempts waiting for a connection slot now',
    registers,
    collect() {
      this.set(readUpstream?.().queued ?? 0);
    },
  });
  const cacheStore = registerCacheMetrics(registers);
  let redisWatched = false;
  return {
    registry,
    operation(type, result, seconds) {
      const label = result === 'ok' || CODE.test(result) ? result : 'OTHER';
      operations.inc({ type, result: label });
      operationSeconds.observe({ type }, seconds);
    },
    restCall(call) {
      requests.inc({ endpoint: call.endpoint, method: call.method, status_class: statusClass(call.status) });
      requestSeconds.observe({ endpoint: call.endpoint, method: call.method }, call.durationMs / 1000);
      if (call.attempt > 1) retries.inc({ endpoint: call.endpoint, method: call.method });
    },
    sharedCall: () => shared.inc(),
    waited: (resource, ms) => waits.observe({ resource }, ms / 1000),
    budgetRefused: (phase) => budget.inc({ phase }),
    limitRefused: (rule) => limits.inc({ rule }),
    watchUpstream(read) {
      readUpstream = read;
    },
    watchSubscriptions(read) {
      readSubscriptions = read;
    },
    cacheHit: (kind, endpoint) => cacheHits(endpoint, kind),
    cacheMiss: (endpoint) => cacheMisses(endpoint),
    reloaded: (outcome) => reloads.inc({ outcome }),
    watchWebhooks(read, endpoints) {
      readWebhooks = { read, endpoints: new Set(endpoints) };
    },
    cacheStore,
    watchRedis(link) {
      if (redisWatched) return;
      redisWatched = true;
      registerRedisMetrics(registry, link);
    },
  };
}
