/**
 * The one listening socket of a reloading server: it lives as long as the process and hands every
 * request and WebSocket upgrade to the generation current when it arrives (`emit` on that
 * generation's own, never-listening, Fastify server), holding a lease on it until the response
 * or the WebSocket closes. Keep-alive connections are not tied to a generation: their next
 * request goes to the current one.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { ServerConfig } from '../config/types.js';
import { buildFastifyOptions } from '../server/build-fastify-options.js';
import type { Generation } from './build-generation.js';
import type { GenerationPool } from './create-generation-pool.js';

export interface FrontServer {
  readonly server: Server;
  /** From now on every answer tells its keep-alive client to leave (the process stops). */
  drain(): void;
}

export function createFrontServer(settings: ServerConfig, pool: GenerationPool<Generation>): FrontServer {
  // The client timeouts a generation's Fastify would set on its server belong to this socket.
  const checkEvery = buildFastifyOptions(settings).http?.connectionsCheckingInterval;
  const server = createServer({
    requestTimeout: settings.requestTimeoutMs,
    headersTimeout: settings.headersTimeoutMs,
    ...(checkEvery === undefined ? {} : { connectionsCheckingInterval: checkEvery }),
  });
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  let draining = false;
  /** Answers not sent yet: a stop marks them too, so their keep-alive clients leave after them. */
  const unsent = new Set<ServerResponse>();
  const target = (): Server => pool.current().server.app.server;
  server.on('request', (request, response) => {
    const lease = pool.enter();
    unsent.add(response);
    response.once('close', () => {
      unsent.delete(response);
      lease.release();
    });
    if (draining) response.setHeader('connection', 'close');
    lease.value.server.app.server.emit('request', request, response);
  });
  server.on('upgrade', (request, socket, head) => {
    const lease = pool.enter();
    const generation = lease.value.server.app.server;
    // Subscriptions off in this generation: nobody would take the socket.
    if (generation.listenerCount('upgrade') === 0) {
      lease.release();
      socket.destroy();
      return;
    }
    socket.once('close', () => lease.release());
    generation.emit('upgrade', request, socket, head);
  });
  // Fastify answers a malformed or timed-out request (400, 408) on its own server.
  server.on('clientError', (error, socket) => void target().emit('clientError', error, socket));
  return {
    server,
    drain() {
      draining = true;
      for (const response of unsent) if (!response.headersSent) response.setHeader('connection', 'close');
    },
  };
}
