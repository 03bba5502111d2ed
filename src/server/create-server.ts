/**
 * The GraphQL server: the committed SDL and SourceModel plus the config become a federation
 * subgraph schema (`buildSubgraphSchema`, so `_entities` and `_service` work), served by Apollo
 * Server on Fastify with a body limit, client timeouts, optional CORS, health routes, a local
 * GraphiQL and a graceful shutdown.
 */
import cors from '@fastify/cors';
import { buildSubgraphSchema } from '@apollo/subgraph';
import Fastify, { type FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import type { WebSocketServer } from 'ws';
import { createCacheStore } from '../cache/create-cache-store.js';
import { createCachingClient } from '../cache/create-caching-client.js';
import type { CacheStore } from '../cache/types.js';
import { createLocalChangeBus } from '../changes/create-local-change-bus.js';
import type { ChangeBus } from '../changes/types.js';
import type { Config } from '../config/types.js';
import { createMetrics, type Metrics } from '../metrics/create-metrics.js';
import { resolveTracing, startTracing } from '../telemetry/resolve-tracing.js';
import { buildResolvers } from '../execution/build-resolvers.js';
import { checkConfigEndpoints } from '../execution/check-config-endpoints.js';
import { buildTypeIndex } from '../execution/build-type-index.js';
import { buildCostEstimator } from '../execution/estimate-cost.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import type { SourceModel } from '../model/source-model.js';
import { createSharedState, type SharedState } from '../redis/create-shared-state.js';
import { createUpstreamClient } from '../upstream/create-upstream-client.js';
import { CredentialKeys } from '../upstream/credential-keys.js';
import type { UpstreamClient } from '../upstream/types.js';
import type { Tracing } from '../telemetry/types.js';
import { buildApolloServer } from './build-apollo-server.js';
import { buildCorsOrigin } from './build-cors-origin.js';
import { buildExampleQuery } from './build-example-query.js';
import { buildFastifyOptions } from './build-fastify-options.js';
import { closeClientBy, drainConnections } from './drain-connections.js';
import { buildFormatError } from './build-format-error.js';
import { listenFailure, originOf } from './listen-failure.js';
import { registerGraphqlRoutes } from './register-graphql-routes.js';
import { createReadiness, type ReadinessEndpoint } from './create-readiness.js';
import { registerHealth } from './register-health.js';
import { buildMetricsApp, registerMetrics } from './register-metrics.js';
import { registerWebhooks, type Webhooks } from '../webhooks/register-webhooks.js';
import { buildSubscriptionResolvers } from '../subscriptions/build-subscription-resolvers.js';
import { registerSubscriptions, type SubscriptionServer } from '../subscriptions/register-subscriptions.js';

export interface ServerOptions {
  readonly config: Config;
  /** `schema/schema.graphql`. */
  readonly sdl: string;
  /** `schema/model.json`, parsed. */
  readonly model: SourceModel;
  /** Default: a client made from the config (and closed with the server). */
  readonly client?: UpstreamClient;
  /** Default: a silent logger. */
  readonly logger?: Logger;
  /** Epoch-ms clock of deadlines, the cache, the rate limit and the breaker (default `Date.now`). */
  readonly now?: () => number;
  /** Where cached answers live (default: the store `upstream.cache.store` names; closed with the server). */
  readonly cacheStore?: CacheStore;
  /** Where changes are published and heard (default: an in-process bus; closed with the server). */
  readonly bus?: ChangeBus;
  /** Environment for the OTEL_* tracing variables (default none: the config alone decides). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * State a reloading process keeps across its servers (src/reload/): when given, used as is and
   * never closed by this server. `shared` replaces the one `redis:` would make; `metrics` and
   * `tracing` replace the ones `server.metrics` and `telemetry` would make (`/metrics` is then
   * served here only when `server.metricsPort` is null); `credentials` names credentials alike in
   * every server, so cache partitions and hourly rate-limit keys carry over.
   */
  readonly kept?: KeptState;
}

export interface KeptState {
  readonly shared: SharedState | null;
  readonly metrics: Metrics | null;
  readonly tracing: Tracing | null;
  readonly credentials: CredentialKeys;
}

export interface BjetServer {
  readonly app: FastifyInstance;
  /** The change bus: our own mutations are published on it, and every change on it drops cached answers. */
  readonly bus: ChangeBus;
  /** Waits for the cache's background refreshes running now. */
  settle(): Promise<void>;
  /** The webhook, when configured. */
  readonly webhooks: Webhooks | null;
  /** GraphQL subscriptions over WebSocket, unless turned off. */
  readonly subscriptions: SubscriptionServer | null;
  /** Listens (default: the config's port and host); resolves to the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** The server's metrics registry; null when `server.metrics` is off. */
  readonly metrics: Metrics | null;
  /** Where `/metrics` is served once listening (null when metrics are off or before `listen`). */
  metricsUrl(): string | null;
  /** Checks every readable endpoint not found healthy yet (the first `/readyz` does it too). */
  checkUpstream(): Promise<void>;
  /**
   * A WebSocket server on `app.server` (subscriptions): `shutdown` closes its sockets with 1001
   * (going away) and then the server itself.
   */
  registerWebSocketServer(wss: WebSocketServer): void;
  /**
   * Stops gracefully (docs/resilience.md): no new connections, every request already sent answered
   * in full (with `Connection: close`), WebSockets closed with 1001, idle keep-alive sockets closed
   * between requests; what is still open after `graceMs` (default `server.shutdownGraceMs`) is cut.
   * Then the same as `close`. Resolves `forced` if something had to be cut.
   */
  shutdown(graceMs?: number): Promise<'drained' | 'forced'>;
  /** Stops at once: open connections are cut. */
  close(): Promise<void>;
}

const READY_PROBE_MS = 5_000;

export async function createServer(options: ServerOptions): Promise<BjetServer> {
  const { config, model } = options;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const now = options.now ?? Date.now;
  const kept = options.kept;
  const credentials = kept?.credentials ?? new CredentialKeys(config.upstream.credentialKeySecret);
  // With `redis:`, the vendor's limits, the cache (`store: redis`) and the change bus are shared by the replicas.
  const shared: SharedState | null =
    kept !== undefined ? kept.shared : config.redis === null ? null : createSharedState(config.redis, config.server.replicas, logger, now);
  const metrics = kept !== undefined ? kept.metrics : config.server.metrics ? createMetrics() : null;
  // Registered once per registry, whichever generation asks first.
  if (metrics !== null && shared !== null) metrics.watchRedis(shared.link);
  const rateLimiter = options.client === undefined ? shared?.createRateLimiter(config.upstream.rateLimit, now) : undefined;
  const upstream =
    options.client ?? createUpstreamClient(config, { logger, now, credentialKeys: credentials, ...(rateLimiter === undefined ? {} : { rateLimiter }) });
  const redisStore = shared !== null && config.upstream.cache?.store === 'redis';
  const sink = metrics?.cacheStore;
  const store = options.cacheStore ?? (redisStore ? shared.createCacheStore(now, sink) : createCacheStore(config, sink));
  const bus = options.bus ?? shared?.bus ?? createLocalChangeBus({ onListenerError: (err) => logger.error({ err }, 'change listener failed') });
  const client = createCachingClient(upstream, { config, store, bus, credentials, now, logger });
  const { unknownToSchema } = checkConfigEndpoints(config.endpoints, model.endpoints);
  if (unknownToSchema.length > 0) {
    logger.warn({ endpoints: unknownToSchema }, 'endpoints in the config that schema/ does not know are not served: run `bjet-graphql introspect`');
  }
  const typeDefs = parse(options.sdl);
  const index = buildTypeIndex(model);
  const resolvers = { ...buildResolvers(index, config, typeDefs), ...buildSubscriptionResolvers(index, typeDefs) };
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const app = Fastify(buildFastifyOptions(config.server));
  const webSockets = new Set<WebSocketServer>();
  let draining = false;
  // While draining, every answer tells its keep-alive client to leave: no request is sent to a
  // socket we are about to close.
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  const estimate = buildCostEstimator(index, config.server.defaultPageSize);
  const status = upstream.status?.bind(upstream);
  if (metrics !== null && status !== undefined) metrics.watchUpstream(status);
  const tracing = kept !== undefined ? kept.tracing : await startTracing(resolveTracing(config.telemetry.tracing, options.env ?? {}));
  const apollo = buildApolloServer({ schema, app, server: config.server, estimate, logger, now, metrics, tracing: tracing !== null });
  await apollo.start();
  if (config.server.corsOrigins.length > 0) {
    const origin = buildCorsOrigin(config.server.corsOrigins);
    await app.register(cors, { origin: origin === true ? true : [...origin] });
  }
  // The readiness checks ask the upstream itself, never the cache.
  const webhooks = config.webhooks === null ? null : await registerWebhooks(app, { config: config.webhooks, index, bus, logger, now });
  const readiness = createReadiness({
    client: upstream,
    endpoints: readableEndpoints(config, model),
    timeoutMs: READY_PROBE_MS,
    redis: shared?.health,
    webhooks: webhooks === null ? undefined : () => webhooks.counters.snapshot(),
  });
  registerHealth(app, readiness);
  const subscriptions = config.subscriptions.enabled
    ? registerSubscriptions({ server: app.server, schema, config, client, index, bus, logger, formatError: buildFormatError(logger), estimate, metrics, now })
    : null;
  if (metrics !== null && subscriptions !== null) metrics.watchSubscriptions(() => subscriptions.active());
  if (metrics !== null && webhooks !== null)
    metrics.watchWebhooks(
      () => webhooks.counters.snapshot(),
      config.endpoints.map((endpoint) => endpoint.name),
    );
  registerGraphqlRoutes(app, { apollo, config, client, index, defaultQuery: buildExampleQuery(index, 3, 5), now, metrics, tracing });
  const metricsPort = config.server.metricsPort;
  const metricsApp = metrics === null || metricsPort === null || kept !== undefined ? null : buildMetricsApp(metrics);
  if (metrics !== null && metricsPort === null) registerMetrics(app, metrics);
  let metricsUrl: string | null = null;
  /** The cache's store, the bus and the Redis connections, when this server made them. */
  const closeOwnState = async (): Promise<void> => {
    await webhooks?.idle();
    if (options.cacheStore === undefined) await store.close();
    // The shared state closes its own bus.
    if (options.bus === undefined && shared === null) await bus.close();
    if (kept !== undefined) return;
    await shared?.close();
    await metricsApp?.close();
    await tracing?.shutdown();
  };
  const close = async (): Promise<void> => {
    await subscriptions?.close();
    await app.close();
    if (options.client === undefined) await client.close();
    else await client.detach();
    await closeOwnState();
  };
  return {
    app,
    bus,
    webhooks,
    subscriptions,
    settle: () => client.settle(),
    async listen(port = config.server.port, host = config.server.host) {
      const url = await listenOn(app, port, host);
      if (metricsApp !== null && metricsPort !== null) metricsUrl = `${await listenOn(metricsApp, metricsPort, host)}/metrics`;
      else if (metrics !== null) metricsUrl = `${url}/metrics`;
      return `${url}/graphql`;
    },
    metrics,
    metricsUrl: () => metricsUrl,
    checkUpstream: () => readiness.check(),
    registerWebSocketServer(wss) {
      webSockets.add(wss);
    },
    async shutdown(graceMs = config.server.shutdownGraceMs) {
      const endsAt = performance.now() + graceMs;
      draining = true;
      await subscriptions?.close();
      const outcome = await drainConnections({ server: app.server, graceMs, webSockets });
      await app.close();
      // Calls of operations whose clients are gone may still be on the wire: they get what is left.
      if (options.client === undefined) await closeClientBy(client, endsAt);
      else await client.detach();
      await closeOwnState();
      logger.info({ outcome, graceMs }, 'server stopped');
      return outcome;
    },
    close,
  };
}

/** Listens and resolves to the origin (`http://host:port`), with the port actually bound. */
async function listenOn(app: FastifyInstance, port: number, host: string): Promise<string> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    throw listenFailure(error, port, host);
  }
  return originOf(app.server.address(), port, host);
}

/** Endpoints a `limit=1` read can check, with whether they use `forward` auth. */
function readableEndpoints(config: Config, model: SourceModel): ReadinessEndpoint[] {
  return model.endpoints
    .filter((endpoint) => endpoint.methods.includes('GET'))
    .map((endpoint) => {
      const auth = config.endpoints.find((configured) => configured.name === endpoint.endpoint)?.auth ?? config.upstream.auth;
      return { name: endpoint.endpoint, forwardAuth: auth.type === 'forward' };
    });
}
