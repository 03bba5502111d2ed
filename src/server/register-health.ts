/**
 * `/healthz`: the process is up (nothing else is looked at). `/readyz`: 200 when every readable
 * endpoint answered its check and no breaker is open, else 503; the body says which, and the Redis
 * state with replicas (create-readiness.ts). The checks are not metered: they are no GraphQL operation.
 */
import type { FastifyInstance } from 'fastify';
import type { Readiness } from './create-readiness.js';

export function registerHealth(app: FastifyInstance, readiness: Readiness): void {
  app.get('/healthz', async (_request, reply) => reply.code(200).send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const report = await readiness.report();
    return reply.code(report.ready ? 200 : 503).send(report.body);
  });
}
