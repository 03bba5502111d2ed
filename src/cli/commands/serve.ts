/** `bjet-graphql serve [--config FILE] [--port N] [--host H]`: GraphQL over a configured upstream. */
import { parseArgs } from 'node:util';
import { readConfig } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger } from '../../logging/create-logger.js';
import { createServer } from '../../server/create-server.js';
import type { Command } from '../commands.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { exitAfterStopOnSignal, parsePort } from './serve-options.js';

const HELP = `Usage: bjet-graphql serve [--config FILE] [--port N] [--host H]

Serves GraphQL (and GraphiQL for browsers) at /graphql over the upstream in the config, from the
schema under its schemaDir (written by \`bjet-graphql introspect\`). On SIGINT/SIGTERM it stops
accepting, answers what is in flight within server.shutdownGraceMs, and exits 0.

  --config FILE  config file (default bjet-graphql.config.yaml)
  --port N       port (default: server.port of the config; 0 = any free port)
  --host H       address (default: server.host of the config)
`;

const OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const command: Command = {
  summary: 'serve',
  async run(args) {
    let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
    let port: number | undefined;
    try {
      values = parseArgs({ args: [...args], options: OPTIONS }).values;
      port = values.port === undefined ? undefined : parsePort(values.port);
    } catch (error) {
      process.stderr.write(`bjet-graphql serve: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
      return 2;
    }
    if (values.help === true) {
      process.stdout.write(HELP);
      return 0;
    }
    const config = await readConfig(values.config);
    const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
    const logger = createLogger();
    const server = await createServer({ config, sdl, model, logger });
    const url = await server.listen(port ?? config.server.port, values.host ?? config.server.host);
    settleHeapAfterStart();
    process.stdout.write(`bjet-graphql: serving ${model.endpoints.length} endpoints at ${url} (GraphiQL: open it in a browser)\n`);
    return exitAfterStopOnSignal(config.server.shutdownGraceMs, logger, () => server.shutdown());
  },
};
