/**
 * Fastify's options from the server config: the body limit and the client timeouts. Node checks
 * the header and request timeouts on an interval (30 s by default, which would let a slow client
 * hold a socket for up to twice its timeout); checking at a quarter of the shortest timeout, at
 * most once a second, cuts a client within 25% of it for the cost of a walk over the connections.
 */
import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { ServerConfig } from '../config/types.js';

const MAX_CHECK_INTERVAL_MS = 1_000;

export function buildFastifyOptions(server: ServerConfig): FastifyHttpOptions<Server> {
  const checkEvery = Math.max(10, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(server.headersTimeoutMs / 4)));
  return {
    bodyLimit: server.bodyLimitBytes,
    logger: false,
    requestTimeout: server.requestTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    // The graceful stop (drain-connections.ts) answers what arrives while it drains; a 503 would
    // fail a request its client sent before the stop.
    return503OnClosing: false,
    http: { headersTimeout: server.headersTimeoutMs, connectionsCheckingInterval: checkEvery },
  };
}
