/**
 * `bjet-graphql demo` (`npm start`): the simulator in-process on a free port, the committed demo
 * schema and config over it, GraphQL on PORT (default 4000) on 127.0.0.1, and an example to paste.
 */
import { buildDemoConfig } from '../../config/build-demo-config.js';
import { buildTypeIndex } from '../../execution/build-type-index.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { createLogger } from '../../logging/create-logger.js';
import { buildOneLineExample } from '../../server/build-example-query.js';
import { createServer } from '../../server/create-server.js';
import { createSimulator } from '../../simulator/create-simulator.js';
import type { Command } from '../commands.js';
import { settleHeapAfterStart } from '../settle-heap.js';
import { exitAfterStopOnSignal, parsePort } from './serve-options.js';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4000;

function printBanner(url: string, example: string): string {
  const payload = JSON.stringify({ query: example });
  return `bjet-graphql demo: GraphQL over the BJET simulator

  GraphiQL:  ${url}  (open in a browser)

Example query:
  ${example}

Try it:
  curl -s ${url} -H 'content-type: application/json' --data '${payload}'

Press Ctrl+C to stop.
`;
}

export const command: Command = {
  summary: 'demo',
  async run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write('Usage: bjet-graphql demo\n\nStarts the simulator in-process and serves GraphQL on PORT (default 4000).\n');
      return 0;
    }
    const port = process.env['PORT'] === undefined || process.env['PORT'] === '' ? DEFAULT_PORT : parsePort(process.env['PORT']);
    const simulator = createSimulator({ switches: { inFilter: true } });
    const baseUrl = await simulator.listen(0, HOST);
    const demo = buildDemoConfig(baseUrl);
    const config = { ...demo, server: { ...demo.server, costInExtensions: true } };
    const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
    // Logs go to stderr so that stdout shows the banner alone.
    const logger = createLogger({ destination: process.stderr });
    const server = await createServer({ config, sdl, model, logger });
    try {
      const url = await server.listen(port, HOST);
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
