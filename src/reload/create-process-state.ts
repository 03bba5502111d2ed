/**
 * What a reloading process makes once, from its first config, and shares with every generation:
 * the credential names, the Redis connections, the change bus, the metrics registry (and its own
 * port), the tracer. The keys they come from are restart-only (restart-only-keys.ts).
 */
import type { FastifyInstance } from 'fastify';
import { createLocalChangeBus } from '../changes/create-local-change-bus.js';
import type { Config } from '../config/types.js';
import type { Logger } from '../logging/create-logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { createSharedState } from '../redis/create-shared-state.js';
import { buildMetricsApp } from '../server/register-metrics.js';
import { resolveTracing, startTracing } from '../telemetry/resolve-tracing.js';
import { CredentialKeys } from '../upstream/credential-keys.js';
import type { ProcessState } from './build-generation.js';

export interface OwnedProcessState extends ProcessState {
  /** `/metrics` on `server.metricsPort`, when set. */
  readonly metricsApp: FastifyInstance | null;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function createProcessState(config: Config, logger: Logger, env: Env, now: () => number): Promise<OwnedProcessState> {
  const shared = config.redis === null ? null : createSharedState(config.redis, config.server.replicas, logger);
  const bus = shared?.bus ?? createLocalChangeBus({ onListenerError: (err) => logger.error({ err }, 'change listener failed') });
  const metrics = config.server.metrics ? createMetrics() : null;
  const metricsApp = metrics === null || config.server.metricsPort === null ? null : buildMetricsApp(metrics);
  const tracing = await startTracing(resolveTracing(config.telemetry.tracing, env));
  return {
    credentials: new CredentialKeys(config.upstream.credentialKeySecret),
    shared,
    bus,
    metrics,
    metricsApp,
    tracing,
    logger,
    now,
    env,
    async close() {
      // The shared state closes its own bus.
      if (shared === null) await bus.close();
      await shared?.close();
      await metricsApp?.close();
      await tracing?.shutdown();
    },
  };
}
