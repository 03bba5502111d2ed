/**
 * Apollo Server over the subgraph schema (executed compiled, plugins/use-compiled-execution.ts),
 * with the settings that matter for a public endpoint set explicitly: CSRF prevention on, no stack traces in responses (the default leaks them whenever
 * NODE_ENV is unset), no landing page (GraphiQL is ours), and no cache-control, usage reporting or
 * inline tracing (they cost throughput and we report nowhere).
 */
import { ApolloServer, type ApolloServerOptions, type DocumentStore } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { ServerConfig } from '../config/types.js';
import type { ExecutionContext } from '../execution/create-execution-context.js';
import type { CostEstimator } from '../execution/estimate-cost.js';
import type { Logger } from '../logging/create-logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { buildFormatError } from './build-format-error.js';
import { createBoundedStore, documentBytes, textBytes } from './create-bounded-store.js';
import { buildLimitOptions } from './limits/build-limit-options.js';
import { useCacheControl } from './plugins/use-cache-control.js';
import { useCompiledExecution } from './plugins/use-compiled-execution.js';
import { useCost } from './plugins/use-cost.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useTracing } from './plugins/use-tracing.js';
import { useOperationLog } from './plugins/use-operation-log.js';
import { useRequestId } from './plugins/use-request-id.js';

export interface ApolloOptions {
  readonly schema: GraphQLSchema;
  readonly app: FastifyInstance;
  readonly server: ServerConfig;
  readonly estimate: CostEstimator;
  readonly logger: Logger;
  readonly metrics: Metrics | null;
  readonly tracing: boolean;
  /** Epoch-ms clock of the response's `Cache-Control` max-age. */
  readonly now: () => number;
}

type PersistedQueryCache = Exclude<ApolloServerOptions<ExecutionContext>['cache'], 'bounded' | undefined>;

export function buildApolloServer(options: ApolloOptions): ApolloServer<ExecutionContext> {
  const { server } = options;
  const formatError = buildFormatError(options.logger, { production: server.production });
  const documentStore: DocumentStore = createBoundedStore(server.documentCache, documentBytes);
  const cache: PersistedQueryCache = createBoundedStore<string>(server.documentCache, textBytes);
  return new ApolloServer<ExecutionContext>({
    schema: options.schema,
    csrfPrevention: true,
    // The CLI handles SIGINT/SIGTERM and closes everything in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection: server.introspection,
    hideSchemaDetailsFromClientErrors: server.production,
    // Parsing stops at the token limit; the other limits run before graphql-js's own rules.
    ...buildLimitOptions(server.limits),
    documentStore,
    cache,
    formatError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      fastifyApolloDrainPlugin(options.app),
      useRequestId(),
      useCost({ estimate: options.estimate, budget: options.server.budget, costInExtensions: options.server.costInExtensions }),
      useOperationLog(options.logger),
      ...(options.metrics === null ? [] : [useMetrics(options.metrics)]),
      ...(options.tracing ? [useTracing()] : []),
      useCacheControl(options.now),
      // Last: it answers the operation, after the others' didResolveOperation (the budget) ran.
      useCompiledExecution(formatError, options.logger, undefined, server.documentCache),
    ],
  });
}
