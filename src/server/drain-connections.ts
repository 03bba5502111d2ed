/**
 * Graceful stop of the HTTP server (docs/resilience.md): stop accepting, let every request on the
 * wire and in flight get its full answer (the server marks answers `Connection: close` meanwhile,
 * so keep-alive clients leave between requests), close WebSockets with 1001 (going away), and cut
 * what is left when the grace period ends.
 */
import net from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocketServer } from 'ws';
import type { UpstreamClient } from '../upstream/types.js';

/** How long idle keep-alive sockets stay open after the stop, for a request already on its way. */
const IDLE_LINGER_MS = 250;

/** RFC 6455 "going away": the server is shutting down. */
const GOING_AWAY = 1001;

export interface DrainOptions {
  readonly server: Server;
  readonly graceMs: number;
  readonly webSockets: Iterable<WebSocketServer>;
}

/** Resolves `drained` once every connection has closed, or `forced` if the grace period ended first. */
export async function drainConnections(options: DrainOptions): Promise<'drained' | 'forced'> {
  const { server } = options;
  const started = performance.now();
  // net.Server's close stops accepting only; http.Server's would also destroy the idle keep-alive
  // sockets at once, and a request already sent on one of them would meet a reset.
  const closed = new Promise<'drained'>((resolve) => net.Server.prototype.close.call(server, () => resolve('drained')));
  const webSockets = [...options.webSockets];
  for (const wss of webSockets) for (const socket of wss.clients) socket.close(GOING_AWAY, 'server shutting down');
  await Promise.race([closed, sleep(Math.min(IDLE_LINGER_MS, options.graceMs), undefined, { ref: false })]);
  server.closeIdleConnections();
  const left = Math.max(0, options.graceMs - (performance.now() - started));
  const outcome = await Promise.race([closed, sleep(left, 'forced' as const, { ref: false })]);
  if (outcome === 'forced') {
    for (const wss of webSockets) for (const socket of wss.clients) socket.terminate();
    server.closeAllConnections();
    await closed;
  }
  await Promise.all(webSockets.map((wss) => new Promise<void>((resolve) => wss.close(() => resolve()))));
  return outcome;
}

/** Closes the upstream client, aborting the calls still on the wire at `endsAt` (a `performance.now()` time). */
export async function closeClientBy(client: UpstreamClient, endsAt: number): Promise<void> {
  // A forced close settles the graceful one too; its outcome no longer matters then.
  const closed = client.close().then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  const late = sleep(Math.max(0, endsAt - performance.now()), 'late' as const, { ref: false });
  if ((await Promise.race([closed, late])) === 'late') await client.close({ force: true });
}
