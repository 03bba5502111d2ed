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
import { buildResolvers } from '../execution/build-resolvers.js';
import { buildTypeIndex } from '../execution/build-type-index.js';
import { buildCostEstimator } from '../execution/estimate-cost.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import type { SourceModel } from '../model/source-model.js';
import { createSharedState, type SharedState } from '../redis/create-shared-state.js';
import { createUpstreamClient } from '../upstream/create-upstream-client.js';
import type { UpstreamClient } from '../upstream/types.js';
import { buildApolloServer } from './build-apollo-server.js';
import { buildExampleQuery } from './build-example-query.js';
import { registerGraphqlRoutes } from './register-graphql-routes.js';
import { registerHealth } from './register-health.js';

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
}

export interface BjetServer {
  readonly app: FastifyInstance;
  /** Listens (default: the config's port and host); resolves to the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
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
  const apollo = buildApolloServer({ schema, app, server: config.server, estimate, logger });
  await apollo.start();
  if (config.server.corsOrigins.length > 0) {
    const origins = config.server.corsOrigins;
    await app.register(cors, { origin: origins.includes('*') ? true : [...origins] });
  }
  const shared: SharedState | null = config.redis === null ? null : createSharedState(config.redis, config.server.replicas, logger);
  const probe = model.endpoints.find((endpoint) => endpoint.methods.includes('GET'));
  const probeAuth = config.endpoints.find((endpoint) => endpoint.name === probe?.endpoint)?.auth ?? config.upstream.auth;
  registerHealth(app, { client, probe, timeoutMs: READY_PROBE_MS, forwardAuth: probeAuth.type === 'forward', redis: shared?.health });
  registerGraphqlRoutes(app, { apollo, config, client, index, defaultQuery: buildExampleQuery(index, 3, 5) });
  return {
    app,
    async listen(port = config.server.port, host = config.server.host) {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/graphql`;
    },
    async close() {
      await app.close();
      if (options.client === undefined) await client.close();
      await shared?.close();
    },
  };
}
