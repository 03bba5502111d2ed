/**
 * `/healthz`: the process is up. `/readyz`: the schema is loaded and the upstream answers one cheap
 * list call (`?limit=1` on the first readable endpoint); 503 otherwise, with the error code only.
 * The probe is not metered: it is no GraphQL operation. With replicas, `redis` says whether the
 * shared state is reachable; a replica without it still serves (local state), so it stays ready.
 */
import type { FastifyInstance } from 'fastify';
import { findBjetError } from './build-format-error.js';
import type { EndpointModel } from '../model/source-model.js';
import type { UpstreamClient } from '../upstream/types.js';
import { resolveRequestId } from '../upstream/resolve-request-id.js';
import type { RedisHealth } from '../redis/create-redis-link.js';

export interface HealthOptions {
  readonly client: UpstreamClient;
  readonly probe: EndpointModel | undefined;
  readonly timeoutMs: number;
  /**
   * The probe endpoint uses `forward` auth: a probe carries no client credentials, so a 401/403 still
   * proves the upstream is up and answering.
   */
  readonly forwardAuth: boolean;
  /** The shared state's connection, when replicas share Redis. */
  readonly redis?: (() => RedisHealth) | undefined;
}

export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  app.get('/healthz', async (_request, reply) => reply.code(200).send({ status: 'ok' }));
  const redis = (): Record<string, unknown> => {
    if (options.redis === undefined) return {};
    const health = options.redis();
    return {
      redis: { status: health.status, since: new Date(health.since).toISOString(), ...(health.lastError === null ? {} : { lastError: health.lastError }) },
    };
  };
  app.get('/readyz', async (request, reply) => {
    const probe = options.probe;
    if (probe === undefined) return reply.code(503).send({ status: 'unready', reason: 'no readable endpoint', ...redis() });
    const header = request.headers['x-request-id'];
    try {
      await options.client.list(
        probe.endpoint,
        { limit: '1' },
        {
          requestId: resolveRequestId(typeof header === 'string' ? header : undefined),
          deadline: Date.now() + options.timeoutMs,
          authorization: request.headers.authorization,
        },
      );
      return reply.code(200).send({ status: 'ready', ...redis() });
    } catch (error) {
      const code = findBjetError(error)?.code ?? 'INTERNAL_SERVER_ERROR';
      if (options.forwardAuth && (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')) return reply.code(200).send({ status: 'ready', ...redis() });
      return reply.code(503).send({ status: 'unready', code, ...redis() });
    }
  });
}
