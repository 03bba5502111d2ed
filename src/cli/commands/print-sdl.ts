/** `bjet-graphql print-sdl [--config FILE]`: the subgraph SDL, for composing a supergraph. */
import { readConfig } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import type { Command } from '../commands.js';
import { readCommandOptions } from '../read-command-options.js';

const HELP = `Usage: bjet-graphql print-sdl [--config FILE]

Prints the generated subgraph SDL (the config's schemaDir/schema.graphql) to stdout.
`;

export const command: Command = {
  summary: 'print-sdl',
  async run(args) {
    const values = readCommandOptions('print-sdl', args, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, HELP);
    if (typeof values === 'number') return values;
    const config = await readConfig(values.config);
    process.stdout.write((await loadSchemaArtifacts(config.schemaDir)).sdl);
    return 0;
  },
};
