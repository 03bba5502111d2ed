/** `bjet-graphql serve [--config FILE] [--port N] [--host H]`: GraphQL over a configured upstream. */
import { parseArgs } from 'node:util';
import { readConfig } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger } from '../../logging/create-logger.js';
import { resolveLogLevel } from '../../logging/resolve-log-level.js';
import { createServer } from '../../server/create-server.js';
import type { Command } from '../commands.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { exitAfterStopOnSignal, parsePort, resolveListen } from './serve-options.js';

const HELP = `Usage: bjet-graphql serve [--config FILE] [--port N] [--host H]

Serves GraphQL (and GraphiQL for browsers) at /graphql over the upstream in the config, from the
schema under its schemaDir (written by \`bjet-graphql introspect\`). On SIGINT/SIGTERM it stops
accepting, answers what is in flight within server.shutdownGraceMs, and exits 0.

  --config FILE  config file (default bjet-graphql.config.yaml)
  --port N       port (default: PORT, else server.port of the config; 0 = any free port)
  --host H       address (default: HOST, else server.host of the config; 0.0.0.0 in a container)

LOG_LEVEL (fatal, error, warn, info, debug, trace, silent) overrides server.logLevel.
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
    try {
      values = parseArgs({ args: [...args], options: OPTIONS }).values;
      if (values.port !== undefined) parsePort(values.port);
    } catch (error) {
      process.stderr.write(`bjet-graphql serve: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
      return 2;
    }
    if (values.help === true) {
      process.stdout.write(HELP);
      return 0;
    }
    const config = await readConfig(values.config);
    const { port, host } = resolveListen(values, process.env, config.server);
    const logger = createLogger({ level: resolveLogLevel(process.env['LOG_LEVEL'], config.server.logLevel) });
    const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
    const server = await createServer({ config, sdl, model, logger, env: process.env });
    const url = await server.listen(port, host).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    settleHeapAfterStart();
    process.stdout.write(`bjet-graphql: serving ${model.endpoints.length} endpoints at ${url} (GraphiQL: open it in a browser)\n`);
    return exitAfterStopOnSignal(config.server.shutdownGraceMs, logger, () => server.shutdown());
  },
};
