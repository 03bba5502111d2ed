/**
 * A server whose config and schema can be replaced while it runs. One HTTP listener hands each
 * request to the current generation (a whole BjetServer: schema, client, resolvers); a reload builds
 * the next generation first, and only when that succeeded do new requests go to it. The old one
 * finishes what it was answering, then closes. A reload that fails leaves the old one serving.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BjetError } from '../errors/bjet-error.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { errnoCode } from '../shared/guards.js';
import { createServer, type BjetServer, type ServerOptions } from './create-server.js';
import { buildMetricsApp } from './register-metrics.js';

export interface ReloadableServer {
  /** Listens; resolves to the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  /** Builds a server from `load()` and switches to it; rejects (the old one serving on) when that fails. */
  reload(): Promise<void>;
  /** Reloads done so far. */
  readonly generation: number;
  close(): Promise<void>;
}

class Generation {
  private inFlight = 0;
  private retired: (() => void) | null = null;

  constructor(readonly server: BjetServer) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.retired?.();
    });
    this.server.app.routing(req, res);
  }

  /** Closes once its last request is answered. */
  async retire(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.retired = resolve));
    await this.server.close();
  }
}

export async function createReloadableServer(load: () => Promise<ServerOptions>): Promise<ReloadableServer> {
  // One registry for every generation: a reload does not reset the counters.
  const metrics = createMetrics();
  const build = async (options: ServerOptions): Promise<Generation> => {
    const server = await createServer({ ...options, metrics });
    await server.app.ready();
    return new Generation(server);
  };
  const first = await load();
  // `server.metricsPort` is the first config's: moving it takes a restart.
  const metricsPort = first.config.server.metrics ? first.config.server.metricsPort : null;
  const metricsApp = metricsPort === null ? null : buildMetricsApp(metrics);
  let current = await build(first);
  let generation = 0;
  const retiring = new Set<Promise<void>>();
  const http = createHttpServer((req, res) => current.handle(req, res));
  return {
    get generation() {
      return generation;
    },
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve());
      }).catch((error: unknown) => {
        throw errnoCode(error) === 'EADDRINUSE' ? new BjetError('LISTEN_FAILED', `port ${port} on ${host} is already in use`, { cause: error }) : error;
      });
      const address = http.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      if (metricsApp !== null && metricsPort !== null) await metricsApp.listen({ port: metricsPort, host });
      void current.server.checkUpstream();
      return `http://${host.includes(':') ? `[${host}]` : host}:${actual}/graphql`;
    },
    async reload() {
      const next = await build(await load());
      const previous = current;
      current = next;
      generation += 1;
      void next.server.checkUpstream();
      const done = previous.retire().finally(() => retiring.delete(done));
      retiring.add(done);
    },
    async close() {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await Promise.all([...retiring, current.retire()]);
      http.closeAllConnections();
      await closed;
      await metricsApp?.close();
    },
  };
}
