/** `bjet-graphql serve [--config FILE] [--port N] [--host H]`: GraphQL over a configured upstream. */
import { parseArgs } from 'node:util';
import { readConfig } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger } from '../../logging/create-logger.js';
import { resolveLogLevel } from '../../logging/resolve-log-level.js';
import { BjetError } from '../../errors/bjet-error.js';
import { createReloadableServer } from '../../server/create-reloadable-server.js';
import type { ServerOptions } from '../../server/create-server.js';
import type { Command } from '../commands.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { watchForReload } from '../watch-for-reload.js';
import { parsePort, resolveListen, waitForSignal } from './serve-options.js';

const HELP = `Usage: bjet-graphql serve [--config FILE] [--port N] [--host H] [--watch]

Serves GraphQL (and GraphiQL for browsers) at /graphql over the upstream in the config, from the
schema under its schemaDir (written by \`bjet-graphql introspect\`). Stops on SIGINT/SIGTERM.

  --config FILE  config file (default bjet-graphql.config.yaml)
  --port N       port (default: PORT, else server.port of the config; 0 = any free port)
  --host H       address (default: HOST, else server.host of the config; 0.0.0.0 in a container)
  --watch        reload the config and schema when they change (SIGHUP always reloads); operations
                 in flight finish on the old ones, and a bad new config keeps the old one serving

LOG_LEVEL (fatal, error, warn, info, debug, trace, silent) overrides server.logLevel.
`;

const OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  watch: { type: 'boolean' },
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
    let current: ServerOptions = { config, ...(await loadSchemaArtifacts(config.schemaDir)), logger, env: process.env };
    const server = await createReloadableServer(() => Promise.resolve(current));
    const url = await server.listen(port, host).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    settleHeapAfterStart();
    process.stdout.write(`bjet-graphql: serving ${current.model.endpoints.length} endpoints at ${url} (GraphiQL: open it in a browser)\n`);
    const stopWatching = watchForReload(values.watch === true ? [config.source ?? '', config.schemaDir] : null, async () => {
      try {
        const next = await readConfig(values.config);
        current = { config: next, ...(await loadSchemaArtifacts(next.schemaDir)), logger, env: process.env };
        await server.reload();
        logger.info({ endpoints: current.model.endpoints.length }, 'config and schema reloaded');
      } catch (error) {
        logger.error({ code: error instanceof BjetError ? error.code : 'INTERNAL_SERVER_ERROR', reason: error instanceof Error ? error.message : String(error) }, 'reload refused; the previous config keeps serving');
      }
    });
    await waitForSignal();
    stopWatching();
    await server.close();
    return 0;
  },
};
