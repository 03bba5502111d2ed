/**
 * One reload, up to the swap: read the config file and the schema/ it names, refuse what a reload
 * cannot apply, and build the next generation off to the side. Every refusal is a BjetError with
 * the code of the error table; nothing of the running generation is touched.
 */
import { readConfig } from '../config/read-config.js';
import { BjetError } from '../errors/bjet-error.js';
import { loadSchemaArtifacts } from '../model/load-schema-artifacts.js';
import { buildGeneration, type Generation, type ProcessState } from './build-generation.js';
import { listConfigChanges } from './list-config-changes.js';
import { findRestartOnlyChanges } from './restart-only-keys.js';

export type PreparedReload = { readonly kind: 'unchanged' } | { readonly kind: 'ready'; readonly next: Generation; readonly changed: readonly string[] };

export async function prepareReload(configFile: string, running: Generation, state: ProcessState): Promise<PreparedReload> {
  const config = await readConfig(configFile, state.env);
  const restartOnly = findRestartOnlyChanges(running.config, config);
  if (restartOnly.length > 0) {
    throw new BjetError('RELOAD_NEEDS_RESTART', `${restartOnly.join(', ')} changed: only a restart applies ${restartOnly.length === 1 ? 'it' : 'them'}`);
  }
  const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
  const changed = listConfigChanges(running.config, config);
  if (sdl !== running.sdl || JSON.stringify(model) !== running.modelText) changed.push('schema');
  if (changed.length === 0) return { kind: 'unchanged' };
  const next = await buildGeneration({ config, sdl, model }, running, state);
  return { kind: 'ready', next, changed };
}
