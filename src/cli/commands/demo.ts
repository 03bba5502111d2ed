/**
 * `bjet-graphql demo` (`npm start`): the simulator in-process on a free port, the committed demo
 * schema and config over it, GraphQL on PORT (default 4000) on 127.0.0.1, and an example to paste.
 * It allows browser calls from loopback origins (a frontend's dev server on any port) unless
 * `--cors` names the origins.
 */
import { randomBytes } from 'node:crypto';
import { buildDemoConfig } from '../../config/build-demo-config.js';
import { buildWebhooks } from '../../config/build-feed-config.js';
import { buildTypeIndex } from '../../execution/build-type-index.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger } from '../../logging/create-logger.js';
import { createPrettyDestination } from '../../logging/create-pretty-destination.js';
import { resolveLogLevel } from '../../logging/resolve-log-level.js';
import { buildOneLineExample } from '../../server/build-example-query.js';
import { createServer } from '../../server/create-server.js';
import { createSimulator } from '../../simulator/create-simulator.js';
import type { Command } from '../commands.js';
import { readCommandOptions } from '../read-command-options.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { exitAfterStopOnSignal, resolveListen } from './serve-options.js';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4000;
const LOOPBACK_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'];

const HELP = `Usage: bjet-graphql demo [--port N] [--host H] [--cors ORIGIN ...]

Starts the simulator in-process and serves GraphQL (and GraphiQL) over it at /graphql.

  --port N         port (default: PORT, else ${DEFAULT_PORT}; 0 = any free port)
  --host H         address (default: HOST, else ${HOST}; 0.0.0.0 in a container)
  --cors ORIGIN    allow browser calls from this origin (repeatable; \`*\` for any, \`http://host:*\`
                   for any port); default: loopback origins (${LOOPBACK_ORIGINS.join(', ')})
`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  cors: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function printBanner(url: string, example: string): string {
  const payload = JSON.stringify({ query: example });
  return `bjet-graphql demo: GraphQL over the BJET simulator

  GraphiQL:  ${url}  (open in a browser)

Example query:
  ${example}

Live changes: run this subscription in one GraphiQL tab and a mutation in another
  subscription { partnerChanged(id: "7") { event record { name city } } }
  mutation { updatePartner(id: "7", input: { city: "Lyon" }) { id } }

Try it:
  curl -s ${url} -H 'content-type: application/json' --data '${payload}'

Press Ctrl+C to stop.
`;
}

export const command: Command = {
  summary: 'demo',
  async run(args) {
    const values = readCommandOptions('demo', args, OPTIONS, HELP);
    if (typeof values === 'number') return values;
    let listen: { readonly port: number; readonly host: string };
    try {
      listen = resolveListen(values, process.env, { port: DEFAULT_PORT, host: HOST });
    } catch (error) {
      process.stderr.write(`bjet-graphql demo: ${error instanceof Error ? error.message : String(error)}\nRun \`bjet-graphql demo --help\`.\n`);
      return 2;
    }
    const { port, host } = listen;
    const level = resolveLogLevel(process.env['LOG_LEVEL'], 'info');
    const simulator = createSimulator({ switches: { inFilter: true } });
    const baseUrl = await simulator.listen(0, HOST);
    const demo = buildDemoConfig(baseUrl);
    // The simulator's outbound side calls the demo's webhook with a token made for this run.
    const hookToken = randomBytes(18).toString('base64url');
    const webhooks = buildWebhooks({ auth: { type: 'bearer', token: hookToken } });
    const corsOrigins = values.cors ?? LOOPBACK_ORIGINS;
    const config = { ...demo, server: { ...demo.server, costInExtensions: true, corsOrigins }, webhooks };
    const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
    // Logs go to stderr so that stdout shows the banner alone; readable lines for a person at a terminal.
    const destination = process.stdout.isTTY ? await createPrettyDestination(2) : process.stderr;
    const logger = createLogger({ destination, level });
    const server = await createServer({ config, sdl, model, logger, env: process.env });
    try {
      const url = await server.listen(port, host);
      simulator.startOutbound({ url: `${new URL(url).origin}${webhooks?.pathPrefix ?? ''}`, auth: { type: 'bearer', token: hookToken } });
      settleHeapAfterStart();
      process.stdout.write(printBanner(url, buildOneLineExample(buildTypeIndex(model), 5)));
    } catch (error) {
      await server.close();
      await simulator.close();
      throw error;
    }
    return exitAfterStopOnSignal(config.server.shutdownGraceMs, logger, async () => {
      await server.shutdown();
      await simulator.close();
    });
  },
};
