/**
 * The GraphQL server: the committed SDL and SourceModel plus the config become a federation
 * subgraph schema (`buildSubgraphSchema`, so `_entities` and `_service` work), served by Apollo
 * Server on Fastify with a body limit, optional CORS, health routes and a local GraphiQL.
 */
import cors from '@fastify/cors';
import { buildSubgraphSchema } from '@apollo/subgraph';
import Fastify, { type FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import type { Config } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';
import { errnoCode } from '../shared/guards.js';
import { buildResolvers } from '../execution/build-resolvers.js';
import { buildTypeIndex } from '../execution/build-type-index.js';
import { buildCostEstimator } from '../execution/estimate-cost.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import { createMetrics, type Metrics } from '../metrics/create-metrics.js';
import { resolveTracing, startTracing } from '../telemetry/resolve-tracing.js';
import type { SourceModel } from '../model/source-model.js';
import { createUpstreamClient } from '../upstream/create-upstream-client.js';
import type { UpstreamClient } from '../upstream/types.js';
import { buildApolloServer } from './build-apollo-server.js';
import { buildExampleQuery } from './build-example-query.js';
import { registerGraphqlRoutes } from './register-graphql-routes.js';
import { createReadiness, type ReadinessEndpoint } from './create-readiness.js';
import { registerHealth } from './register-health.js';
import { buildMetricsApp, registerMetrics } from './register-metrics.js';

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
  /** Environment for the OTEL_* tracing variables (default none: the config alone decides). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Count into these metrics instead of a new registry (a reloaded server keeps its counts). */
  readonly metrics?: Metrics;
}

export interface BjetServer {
  readonly app: FastifyInstance;
  /** The server's metrics registry; null when `server.metrics` is off. */
  readonly metrics: Metrics | null;
  /** Listens (default: the config's port and host); resolves to the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Where `/metrics` is served once listening (null when metrics are off or before `listen`). */
  metricsUrl(): string | null;
  /** Checks every readable endpoint once (`/readyz` reports it); the CLI starts it after `listen`. */
  checkUpstream(): Promise<void>;
  close(): Promise<void>;
}

const READY_PROBE_MS = 5_000;

export async function createServer(options: ServerOptions): Promise<BjetServer> {
  const { config, model } = options;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const client = options.client ?? createUpstreamClient(config, { logger });
  const typeDefs = parse(options.sdl);
  const index = buildTypeIndex(model);
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: buildResolvers(index, config, typeDefs) }]);
  const app = Fastify({ bodyLimit: config.server.bodyLimitBytes, logger: false });
  const estimate = buildCostEstimator(index, config.server.defaultPageSize);
  const metrics = config.server.metrics ? (options.metrics ?? createMetrics()) : null;
  const status = client.status?.bind(client);
  if (metrics !== null && status !== undefined) metrics.watchUpstream(status);
  const tracing = await startTracing(resolveTracing(config.telemetry.tracing, options.env ?? {}));
  const apollo = buildApolloServer({ schema, app, server: config.server, estimate, logger, metrics, tracing: tracing !== null });
  await apollo.start();
  if (config.server.corsOrigins.length > 0) {
    const origins = config.server.corsOrigins;
    await app.register(cors, { origin: origins.includes('*') ? true : [...origins] });
  }
  const readiness = createReadiness({ client, endpoints: readableEndpoints(config, model), timeoutMs: READY_PROBE_MS });
  registerHealth(app, readiness);
  registerGraphqlRoutes(app, { apollo, config, client, index, defaultQuery: buildExampleQuery(index, 3, 5), metrics, tracing });
  const metricsPort = config.server.metricsPort;
  const metricsApp = metrics === null || metricsPort === null ? null : buildMetricsApp(metrics);
  if (metrics !== null && metricsApp === null) registerMetrics(app, metrics);
  let metricsUrl: string | null = null;
  return {
    app,
    metrics,
    async listen(port = config.server.port, host = config.server.host) {
      const url = await listenOn(app, port, host);
      if (metricsApp !== null && metricsPort !== null) metricsUrl = `${await listenOn(metricsApp, metricsPort, host)}/metrics`;
      else if (metrics !== null) metricsUrl = `${url}/metrics`;
      return `${url}/graphql`;
    },
    metricsUrl: () => metricsUrl,
    checkUpstream: () => readiness.check(),
    async close() {
      await metricsApp?.close();
      await app.close();
      await tracing?.shutdown();
      if (options.client === undefined) await client.close();
    },
  };
}

/** Listens and resolves to the origin (`http://host:port`), with the port actually bound. */
async function listenOn(app: FastifyInstance, port: number, host: string): Promise<string> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EADDRINUSE') throw new BjetError('LISTEN_FAILED', `port ${port} on ${host} is already in use`, { cause: error });
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new BjetError('LISTEN_FAILED', `cannot listen on ${host}:${port} (${code})`, { cause: error });
    }
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
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
