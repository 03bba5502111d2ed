/** Writes `schema.graphql` and `model.json` under the schema directory, each only if its content changed. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../shared/guards.js';

export const SDL_FILE = 'schema.graphql';
export const MODEL_FILE = 'model.json';

interface SchemaArtifacts {
  readonly sdl: string;
  readonly modelJson: string;
}

/** The files actually written (paths), empty when both were current. */
export async function writeSchemaArtifacts(dir: string, artifacts: SchemaArtifacts): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of [
    [SDL_FILE, artifacts.sdl],
    [MODEL_FILE, artifacts.modelJson],
  ] as const) {
    const file = path.join(dir, name);
    if ((await readIfExists(file)) === text) continue;
    await writeFile(file, text, 'utf8');
    written.push(file);
  }
  return written;
}

export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}
