/**
 * `GET /metrics` in Prometheus text format: on the GraphQL server's own port, or on a small server
 * of its own (`server.metricsPort`) so that it can stay off the public network.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/create-metrics.js';

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.code(200).type(metrics.registry.contentType).send(text);
  });
}

/** A Fastify instance serving only `/metrics`, for `server.metricsPort`. */
export function buildMetricsApp(metrics: Metrics): FastifyInstance {
  const app = Fastify({ logger: false });
  registerMetrics(app, metrics);
  return app;
}
