/**
 * Reloads one at a time (a reload asked for while one runs starts after it), each ending in one
 * log line: `ok` with what changed, coarsely, or `refused` with the error table's code and why,
 * the running generation kept.
 */
import { BjetError } from '../errors/bjet-error.js';
import type { Generation, ProcessState } from './build-generation.js';
import type { GenerationPool } from './create-generation-pool.js';
import { prepareReload } from './prepare-reload.js';

export type ReloadResult =
  | { readonly outcome: 'ok'; readonly generation: number; readonly changed: readonly string[] }
  | { readonly outcome: 'refused'; readonly generation: number; readonly code: string; readonly reason: string }
  /** Asked for once the server had begun to stop. */
  | { readonly outcome: 'ignored'; readonly generation: number };

export interface ReloaderOptions {
  readonly configFile: string;
  readonly pool: GenerationPool<Generation>;
  readonly state: ProcessState;
  /** After a swap. */
  readonly onSwap: () => void;
}

export interface Reloader {
  reload(trigger: string): Promise<ReloadResult>;
  /** From now on a reload does nothing (the server stops; one already running ends first). */
  stop(): Promise<void>;
  /** Resolves once the reloads asked for so far have ended. */
  idle(): Promise<void>;
}

export function createReloader(options: ReloaderOptions): Reloader {
  const { pool } = options;
  const { logger } = options.state;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;
  return {
    reload(trigger) {
      if (stopped) {
        logger.info({ reload: 'ignored', trigger }, `reload (${trigger}): ignored, the server is stopping`);
        return Promise.resolve({ outcome: 'ignored', generation: pool.currentNumber() });
      }
      const next = queue.then(() => reloadOnce(options, trigger));
      queue = next;
      return next;
    },
    async stop() {
      stopped = true;
      await queue;
    },
    async idle() {
      await queue;
    },
  };
}

async function reloadOnce(options: ReloaderOptions, trigger: string): Promise<ReloadResult> {
  const { pool, state } = options;
  const { logger, metrics } = state;
  try {
    const prepared = await prepareReload(options.configFile, pool.current(), state);
    const changed = prepared.kind === 'ready' ? prepared.changed : [];
    if (prepared.kind === 'ready') {
      pool.swap(prepared.next);
      options.onSwap();
    }
    const generation = pool.currentNumber();
    metrics?.reloaded('ok');
    const what = changed.length === 0 ? 'nothing changed' : `changed: ${changed.join(', ')}`;
    logger.info({ reload: 'ok', trigger, generation, changed }, `reload (${trigger}): ok, ${what}; serving generation ${generation}`);
    return { outcome: 'ok', generation, changed };
  } catch (error) {
    const code = error instanceof BjetError ? error.code : 'INTERNAL_SERVER_ERROR';
    const reason = error instanceof Error ? error.message : String(error);
    const generation = pool.currentNumber();
    metrics?.reloaded('refused');
    // An error of ours says all in its message; anything else gets its stack in the log.
    const fields = { reload: 'refused', trigger, code, generation, ...(error instanceof BjetError ? {} : { err: error }) };
    logger.error(fields, `reload (${trigger}): refused, ${code}: ${reason}; still serving generation ${generation}`);
    return { outcome: 'refused', generation, code, reason };
  }
}
