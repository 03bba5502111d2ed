/** What the server reads at start: the generated SDL and the model beside it, checked. */
import path from 'node:path';
import { BjetError } from '../errors/bjet-error.js';
import type { SourceModel } from './source-model.js';
import { parseSourceModel } from './parse-source-model.js';
import { MODEL_FILE, readIfExists, SDL_FILE } from './write-schema-artifacts.js';

interface LoadedSchemaArtifacts {
  readonly sdl: string;
  readonly model: SourceModel;
}

export async function loadSchemaArtifacts(dir: string): Promise<LoadedSchemaArtifacts> {
  const sdlFile = path.join(dir, SDL_FILE);
  const modelFile = path.join(dir, MODEL_FILE);
  const [sdl, modelText] = await Promise.all([readIfExists(sdlFile), readIfExists(modelFile)]);
  if (sdl === null || modelText === null) {
    const missing = sdl === null ? sdlFile : modelFile;
    throw new BjetError('SCHEMA_DRIFT', `${missing} does not exist: run \`bjet-graphql introspect\` first`);
  }
  let json: unknown;
  try {
    json = JSON.parse(modelText);
  } catch (error) {
    throw new BjetError('SCHEMA_DRIFT', `${modelFile} is not valid JSON: run \`bjet-graphql introspect\``, { cause: error });
  }
  return { sdl, model: parseSourceModel(json, modelFile) };
}
