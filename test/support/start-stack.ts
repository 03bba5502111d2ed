/**
 * Starts the simulator and our server on 127.0.0.1:0 over the committed schema/ and the demo
 * config (both adjustable), and returns a tiny GraphQL client plus the simulator's request record.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoConfig } from '../../src/config/build-demo-config.js';
import type { Config } from '../../src/config/types.js';
import { loadSchemaArtifacts } from '../../src/model/load-schema-artifacts.js';
import type { SourceModel } from '../../src/model/source-model.js';
import { createServer, type BjetServer } from '../../src/server/create-server.js';
import type { RequestRecord, Simulator, SimulatorOptions } from '../../src/simulator/types.js';
import { startSimulator } from './simulator.js';
import { withoutCache, withoutSweeps } from './with-cache.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schema', import.meta.url));

export interface StackOptions {
  readonly simulator?: SimulatorOptions;
  /** Changes to the demo config (after the simulator's base URL is in). */
  readonly config?: (config: Config) => Config;
  readonly model?: (model: SourceModel) => SourceModel;
  /**
   * Keep the record cache of the config (default false: the cache is turned off, so tests written
   * before it keep their exact call counts across repeated operations).
   */
  readonly cache?: boolean;
  /** With the cache: keep its sweeps too (default false: see `withCache`). */
  readonly sweeps?: boolean;
  /** The server's clock (default `Date.now`). */
  readonly now?: () => number;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    readonly data?: Record<string, unknown> | null;
    readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
    readonly extensions?: Record<string, unknown>;
  };
  readonly text: string;
}

export interface Stack {
  readonly simulator: Simulator;
  readonly server: BjetServer;
  readonly url: string;
  readonly config: Config;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** Simulator records since the last `clearRecords()`, without the query details. */
  calls(): readonly RequestRecord[];
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const simulator = await startSimulator(options.simulator ?? {});
  const artifacts = await loadSchemaArtifacts(SCHEMA_DIR);
  const demo = buildDemoConfig(simulator.baseUrl);
  const edited = options.config === undefined ? demo : options.config(demo);
  const config = options.cache !== true ? withoutCache(edited) : options.sweeps === true ? edited : withoutSweeps(edited);
  const model = options.model === undefined ? artifacts.model : options.model(artifacts.model);
  const server = await createServer({ config, sdl: artifacts.sdl, model, ...(options.now === undefined ? {} : { now: options.now }) });
  const url = await server.listen(0, '127.0.0.1');
  return {
    simulator,
    server,
    url,
    config,
    gql: (query, variables, headers) => postGraphQL(url, { query, variables }, headers),
    calls: () => simulator.records,
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}

export async function postGraphQL(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLResponse['body'], text };
}

/** The path of a record under the base path: `/partners/7` for `/bj_api_sync/v1/partners/7`. */
export function relativePath(record: RequestRecord): string {
  return `/${record.path.split('/').slice(3).join('/')}`;
}

export const REPO_ROOT = path.resolve(SCHEMA_DIR, '..');
