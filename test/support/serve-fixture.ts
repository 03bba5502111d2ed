/** The small hand-written model, SDL and config under test/fixtures/serve/ (unit tests of serve). */
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { parseConfig } from '../../src/config/parse-config.js';
import type { Config } from '../../src/config/types.js';
import { buildTypeIndex, type TypeIndex } from '../../src/execution/build-type-index.js';
import type { SourceModel } from '../../src/model/source-model.js';

export interface ServeFixture {
  readonly model: SourceModel;
  readonly sdl: string;
  readonly typeDefs: DocumentNode;
  readonly index: TypeIndex;
  readonly config: Config;
}

const read = (name: string): string => readFileSync(new URL(`../fixtures/serve/${name}`, import.meta.url), 'utf8');

export function loadServeFixture(): ServeFixture {
  const model = JSON.parse(read('model.json')) as SourceModel;
  const sdl = read('schema.graphql');
  const config = parseConfig(JSON.parse(read('config.json')), { source: null, env: {} });
  return { model, sdl, typeDefs: parse(sdl), index: buildTypeIndex(model), config };
}
