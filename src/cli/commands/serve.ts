/** `bjet-graphql serve [--config FILE] [--port N] [--host H] [--watch]`: GraphQL over a configured upstream. */
import { parseArgs } from 'node:util';
import { readConfig, resolveConfigFile } from '../../config/read-config.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger, type Logger } from '../../logging/create-logger.js';
import { resolveLogLevel } from '../../logging/resolve-log-level.js';
import { createReloadableServer, type ReloadableServer } from '../../reload/create-reloadable-server.js';
import { watchReloadPaths, type PathWatcher } from '../../reload/watch-reload-paths.js';
import type { Command } from '../commands.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { exitAfterStopOnSignal, parsePort, resolveListen } from './serve-options.js';

const HELP = `Usage: bjet-graphql serve [--config FILE] [--port N] [--host H] [--watch]

Serves GraphQL (and GraphiQL for browsers) at /graphql over the upstream in the config, from the
schema under its schemaDir (written by \`bjet-graphql introspect\`). On SIGINT/SIGTERM it stops
accepting, answers what is in flight within server.shutdownGraceMs, and exits 0. On SIGHUP it
reloads the config file and schemaDir without dropping operations or subscriptions; a config or
schema that cannot be served is refused, logged with its code, and the running one kept.

  --config FILE  config file (default bjet-graphql.config.yaml)
  --port N       port (default: PORT, else server.port of the config; 0 = any free port)
  --host H       address (default: HOST, else server.host of the config; 0.0.0.0 in a container)
  --watch        reload as on SIGHUP when the config file or a file of schemaDir changes

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
    const configFile = resolveConfigFile(values.config, process.env);
    const config = await readConfig(configFile);
    const { port, host } = resolveListen(values, process.env, config.server);
    const logger = createLogger({ level: resolveLogLevel(process.env['LOG_LEVEL'], config.server.logLevel) });
    const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
    const server = await createReloadableServer({ config, sdl, model }, { configFile, logger, env: process.env });
    const url = await server.listen(port, host).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    const watcher = reloadOnRequest(server, configFile, values.watch === true ? logger : null);
    settleHeapAfterStart();
    process.stdout.write(`bjet-graphql: serving ${model.endpoints.length} endpoints at ${url} (GraphiQL: open it in a browser)\n`);
    return exitAfterStopOnSignal(config.server.shutdownGraceMs, logger, async () => {
      watcher?.close();
      await server.shutdown();
    });
  },
};

/**
 * SIGHUP reloads; with `--watch` (a logger for the watcher given) so does a change of the config
 * file or of schemaDir (followed when a reload names another one).
 */
function reloadOnRequest(server: ReloadableServer, configFile: string, watchLogger: Logger | null): PathWatcher | null {
  const paths = () => ({ configFile, schemaDir: server.current().config.schemaDir });
  let watcher: PathWatcher | null = null;
  const reload = (trigger: string): void => {
    void server.reload(trigger).then(() => watcher?.follow(paths()));
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  if (watchLogger !== null) watcher = watchReloadPaths(paths(), () => reload('watch'), watchLogger);
  return watcher;
}
