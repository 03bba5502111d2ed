/** `bjet-graphql introspect [--config FILE] [--out DIR]`: sample the upstream, write schema/. */
import path from 'node:path';
import { readConfig } from '../../config/read-config.js';
import { writeSchemaArtifacts } from '../../model/write-schema-artifacts.js';
import { introspectUpstream } from '../../pipeline/introspect-upstream.js';
import { createUpstreamClient } from '../../upstream/create-upstream-client.js';
import type { Command } from '../commands.js';
import { readCommandOptions } from '../read-command-options.js';

const HELP = `Usage: bjet-graphql introspect [--config FILE] [--out DIR]

Samples every readable endpoint (introspection.pages pages of introspection.pageSize records) and
writes schema.graphql and model.json, each only if it changed.

  --config FILE  config file (default bjet-graphql.config.yaml)
  --out DIR      output directory (default: the config's schemaDir)
`;

export const command: Command = {
  summary: 'introspect',
  async run(args) {
    const values = readCommandOptions('introspect', args, { config: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, HELP);
    if (typeof values === 'number') return values;
    const config = await readConfig(values.config);
    const outDir = values.out === undefined ? config.schemaDir : path.resolve(values.out);
    const client = createUpstreamClient(config);
    try {
      const output = await introspectUpstream(config, client, { onProgress: progressReporter() });
      for (const warning of output.warnings) process.stderr.write(`warning: ${warning}\n`);
      const written = await writeSchemaArtifacts(outDir, output);
      const records = output.model.endpoints.reduce((sum, endpoint) => sum + endpoint.sampled, 0);
      const what = written.length === 0 ? `${path.relative(process.cwd(), outDir) || '.'} is current` : `wrote ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`;
      process.stdout.write(`introspected ${output.model.endpoints.length} endpoints (${records} records): ${what}\n`);
      return 0;
    } finally {
      await client.close();
    }
  },
};

/** "endpoint n of N" on a terminal, rewritten in place; nothing when stderr is not a TTY. */
export function progressReporter(): ((done: number, total: number, endpoint: string) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  return (done, total, endpoint) => {
    process.stderr.write(`\r\x1b[Kintrospect: endpoint ${done} of ${total} (${endpoint})${done === total ? '\n' : ''}`);
  };
}
