/** `bjet-graphql print-sdl [--config FILE]`: the subgraph SDL, for composing a supergraph. */
import { readConfig } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../generation/load-schema-artifacts.js';
import type { Command } from '../commands.js';
import { parseOptions } from './introspect.js';

const HELP = `Usage: bjet-graphql print-sdl [--config FILE]

Prints the generated subgraph SDL (the config's schemaDir/schema.graphql) to stdout.
`;

export const command: Command = {
  summary: 'print-sdl',
  async run(args) {
    const values = parseOptions('print-sdl', args, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values === null) return 2;
    if (values.help === true) {
      process.stdout.write(HELP);
      return 0;
    }
    const config = await readConfig(values.config);
    process.stdout.write((await loadSchemaArtifacts(config.schemaDir)).sdl);
    return 0;
  },
};
