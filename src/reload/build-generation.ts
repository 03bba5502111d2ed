/**
 * One generation of a reloading server: a config, the schema/ it names and a complete server made
 * from them, off to the side (nothing listens on it: the front server hands it requests). Either
 * it is fully built and ready, or what it made is closed again and the error tells why.
 */
import type { ChangeBus } from '../changes/types.js';
import type { Config } from '../config/types.js';
import type { Logger } from '../logging/create-logger.js';
import type { SourceModel } from '../model/source-model.js';
import { createServer, type BjetServer, type KeptState } from '../server/create-server.js';
import { buildUpstreamParts, closeUnusedParts, type UpstreamParts } from './build-upstream-parts.js';

export interface Generation {
  readonly config: Config;
  readonly sdl: string;
  /** model.json as parsed, printed again: equal text, same model. */
  readonly modelText: string;
  readonly server: BjetServer;
  readonly parts: UpstreamParts;
}

/** What lives as long as the process and every generation shares. */
export interface ProcessState extends KeptState {
  readonly bus: ChangeBus;
  readonly logger: Logger;
  readonly now: () => number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface GenerationInput {
  readonly config: Config;
  readonly sdl: string;
  readonly model: SourceModel;
}

export async function buildGeneration(input: GenerationInput, previous: Generation | null, state: ProcessState): Promise<Generation> {
  const { config, sdl, model } = input;
  const parts = buildUpstreamParts(config, previous?.parts ?? null, state);
  try {
    const server = await createServer({
      config,
      sdl,
      model,
      client: parts.upstream,
      cacheStore: parts.store,
      bus: state.bus,
      logger: state.logger,
      now: state.now,
      env: state.env,
      kept: state,
    });
    try {
      await server.app.ready();
    } catch (error) {
      await server.close();
      throw error;
    }
    return { config, sdl, modelText: JSON.stringify(model), server, parts };
  } catch (error) {
    await closeUnusedParts(parts, previous === null ? [] : [previous.parts]);
    throw error;
  }
}
