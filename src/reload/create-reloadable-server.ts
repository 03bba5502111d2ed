/**
 * `serve` as a reloading server (docs/operations.md, "Reload without a restart"; why so in
 * docs/decisions/0010-reload-by-generations.md): one listening socket for the whole process
 * (create-front-server.ts) in front of generations (build-generation.ts). A reload builds
 * the next generation off to the side and swaps it in only once it is complete; requests in
 * flight and open WebSockets finish on the generation they started with, which is disposed once
 * nothing holds it. A refused reload changes nothing and says why with the error table's code.
 */
import { drainConnections } from '../server/drain-connections.js';
import { listenFailure } from '../server/listen-failure.js';
import { buildGeneration, type Generation, type GenerationInput } from './build-generation.js';
import { closeUnusedParts } from './build-upstream-parts.js';
import { createFrontServer } from './create-front-server.js';
import { createGenerationPool, type GenerationPool } from './create-generation-pool.js';
import { createProcessState, type OwnedProcessState } from './create-process-state.js';
import { createReloader, type ReloadResult } from './create-reloader.js';
import { listenFront } from './listen-front.js';
import type { Logger } from '../logging/create-logger.js';

export interface ReloadableServerOptions {
  /** The config file, resolved: read again at each reload. */
  readonly configFile: string;
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
}

export interface ReloadableServer {
  current(): Generation;
  /** Listens; resolves to the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  /** Reloads (one at a time: a reload asked for while one runs starts after it). */
  reload(trigger: string): Promise<ReloadResult>;
  /** Stops as `BjetServer.shutdown` does, every live generation included. */
  shutdown(graceMs?: number): Promise<'drained' | 'forced'>;
  /** Stops at once: open connections are cut. */
  close(): Promise<void>;
}

export async function createReloadableServer(first: GenerationInput, options: ReloadableServerOptions): Promise<ReloadableServer> {
  const { logger } = options;
  const settings = first.config.server;
  const state = await createProcessState(first.config, logger, options.env, options.now ?? Date.now);
  const stop: { endsAt?: number } = {};
  const pool = await createPool(first, state, stop);
  const countSubscriptions = (): void =>
    state.metrics?.watchSubscriptions(() => pool.live().reduce((open, generation) => open + (generation.server.subscriptions?.active() ?? 0), 0));
  countSubscriptions();
  const front = createFrontServer(settings, pool);
  const reloader = createReloader({ configFile: options.configFile, pool, state, onSwap: countSubscriptions });
  const closeAll = async (): Promise<void> => {
    await pool.closeAll();
    await state.close();
  };
  return {
    current: () => pool.current(),
    async listen(port, host) {
      const origin = await listenFront(front.server, port, host);
      if (state.metricsApp !== null && settings.metricsPort !== null) {
        await state.metricsApp.listen({ port: settings.metricsPort, host }).catch((error: unknown) => {
          throw listenFailure(error, settings.metricsPort ?? 0, host);
        });
      }
      return `${origin}/graphql`;
    },
    reload: (trigger) => reloader.reload(trigger),
    async shutdown(graceMs = settings.shutdownGraceMs) {
      stop.endsAt = performance.now() + graceMs;
      front.drain();
      await reloader.stop();
      for (const generation of pool.live()) await generation.server.subscriptions?.close();
      const outcome = await drainConnections({ server: front.server, graceMs, webSockets: [] });
      await closeAll();
      logger.info({ outcome, graceMs }, 'server stopped');
      return outcome;
    },
    async close() {
      stop.endsAt = performance.now();
      await reloader.stop();
      if (front.server.listening) {
        front.server.closeAllConnections();
        await new Promise<void>((resolve) => front.server.close(() => resolve()));
      }
      await closeAll();
    },
  };
}

/** The first generation in a pool that disposes a retired one: its server, then the upstream parts no live generation shares. */
async function createPool(first: GenerationInput, state: OwnedProcessState, stop: { readonly endsAt?: number }): Promise<GenerationPool<Generation>> {
  let initial: Generation;
  try {
    initial = await buildGeneration(first, null, state);
  } catch (error) {
    await state.close();
    throw error;
  }
  return createGenerationPool<Generation>(
    initial,
    async (retired, stillLive, number) => {
      await retired.server.close();
      await closeUnusedParts(
        retired.parts,
        stillLive.map((generation) => generation.parts),
        stop.endsAt,
      );
      state.logger.info({ generation: number }, `reload: generation ${number} closed`);
    },
    (err) => state.logger.error({ err }, 'closing a retired generation failed'),
  );
}
