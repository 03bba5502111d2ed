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
import { buildApolloServer } from './build-apollo-server.js';
import { buildCorsOrigin } from './build-cors-origin.js';
import { buildExampleQuery } from './build-example-query.js';
import { buildFastifyOptions } from './build-fastify-options.js';
import { closeClientBy, drainConnections } from './drain-connections.js';
import { buildFormatError } from './build-format-error.js';
import { registerGraphqlRoutes } from './register-graphql-routes.js';
import { registerHealth } from './register-health.js';
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
  const credentials = new CredentialKeys(config.upstream.credentialKeySecret);
  // With `redis:`, the vendor's limits, the cache (`store: redis`) and the change bus are shared by the replicas.
  const shared: SharedState | null = config.redis === null ? null : createSharedState(config.redis, config.server.replicas, logger);
  const rateLimiter = shared?.createRateLimiter(config.upstream.rateLimit, now);
  const upstream =
    options.client ?? createUpstreamClient(config, { logger, now, credentialKeys: credentials, ...(rateLimiter === undefined ? {} : { rateLimiter }) });
  const redisStore = shared !== null && config.upstream.cache?.store === 'redis';
  const store = options.cacheStore ?? (redisStore ? shared.createCacheStore(now) : createCacheStore(config));
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
  const apollo = buildApolloServer({ schema, app, server: config.server, estimate, logger, now });
  await apollo.start();
  if (config.server.corsOrigins.length > 0) {
    const origin = buildCorsOrigin(config.server.corsOrigins);
    await app.register(cors, { origin: origin === true ? true : [...origin] });
  }
  const probe = model.endpoints.find((endpoint) => endpoint.methods.includes('GET'));
  const probeAuth = config.endpoints.find((endpoint) => endpoint.name === probe?.endpoint)?.auth ?? config.upstream.auth;
  // The readiness probe asks the upstream itself, never the cache.
  registerHealth(app, { client: upstream, probe, timeoutMs: READY_PROBE_MS, forwardAuth: probeAuth.type === 'forward', redis: shared?.health });
  const webhooks = config.webhooks === null ? null : await registerWebhooks(app, { config: config.webhooks, index, bus, logger });
  const subscriptions = config.subscriptions.enabled
    ? registerSubscriptions({ server: app.server, schema, config, client, index, bus, logger, formatError: buildFormatError(logger) })
    : null;
  registerGraphqlRoutes(app, { apollo, config, client, index, defaultQuery: buildExampleQuery(index, 3, 5), now });
  /** The cache's store, the bus and the Redis connections, when this server made them. */
  const closeOwnState = async (): Promise<void> => {
    await webhooks?.idle();
    if (options.cacheStore === undefined) await store.close();
    // The shared state closes its own bus.
    if (options.bus === undefined && shared === null) await bus.close();
    await shared?.close();
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
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/graphql`;
    },
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
