/** `bjet-graphql print-sdl [--config FILE]`: the subgraph SDL, for composing a supergraph. */
import { readSchemaDir } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import type { Command } from '../commands.js';
import { readCommandOptions } from '../read-command-options.js';

const HELP = `Usage: bjet-graphql print-sdl [--config FILE]

Prints the generated subgraph SDL (the config's schemaDir/schema.graphql) to stdout. Only
\`schemaDir\` is read from the config: no credentials are needed in the environment.
`;

export const command: Command = {
  summary: 'print-sdl',
  async run(args) {
    const values = readCommandOptions('print-sdl', args, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, HELP);
    if (typeof values === 'number') return values;
    // Loaded whole (and checked) before anything is written: a failure prints nothing on stdout.
    const { sdl } = await loadSchemaArtifacts(await readSchemaDir(values.config));
    process.stdout.write(sdl);
    return 0;
  },
};
