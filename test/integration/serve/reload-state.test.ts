/**
 * What a reload keeps (docs/operations.md, "Reload without a restart"): the cache and the rate
 * limiter's spent budget survive a reload that leaves their settings alone, and a new
 * `upstream.rateLimit` makes a new limiter over the same cache. In process, over the simulator, on
 * a frozen clock (nothing refills or expires unless the test says so), upstream calls counted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { loadSchemaArtifacts } from '../../../src/model/load-schema-artifacts.js';
import { createReloadableServer, type ReloadableServer } from '../../../src/reload/create-reloadable-server.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { printReloadConfig } from '../../support/reload-fixture.js';
import { startSimulator } from '../../support/simulator.js';
import { postGraphQL, SCHEMA_DIR } from '../../support/start-stack.js';

const PARTNERS = '{ partners(limit: 2) { items { id } } }';
const COUNTRIES = '{ countries(limit: 2) { items { id } } }';
let simulator: Simulator;
let dir = '';
let configFile = '';
let server: ReloadableServer;
let url = '';

/** `perMinute: 60` with a burst of one: one token, and the next one is a second away, past the 500 ms deadline. */
async function writeConfig(budget: number, perMinute: number): Promise<void> {
  const demo = await printReloadConfig({ baseUrl: simulator.baseUrl, schemaDir: SCHEMA_DIR, costInExtensions: false });
  const text = demo
    .replace(/^ {2}concurrency: 8$/m, `  concurrency: 8\n  rateLimit: { perMinute: ${perMinute}, minuteBurst: 1 }\n  cache: { sweepMaxRecords: 0 }`)
    .replace(/^ {2}costInExtensions: false$/m, `  costInExtensions: false\n  operationDeadlineMs: 500\n  budget: ${budget}`);
  await writeFile(configFile, text);
}

/** The operation's result and the upstream calls it made. */
async function run(query: string): Promise<{ readonly calls: number; readonly code: unknown; readonly data: unknown }> {
  simulator.clearRecords();
  const response = await postGraphQL(url, { query });
  return { calls: simulator.records.length, code: response.body.errors?.[0]?.extensions?.['code'] ?? null, data: response.body.data ?? null };
}

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-reload-state-'));
  configFile = path.join(dir, 'config.yaml');
  await writeConfig(50, 60);
  const config = await readConfig(configFile, {});
  const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
  const frozen = Date.now();
  server = await createReloadableServer({ config, sdl, model }, { configFile, logger: createLogger({ level: 'silent' }), env: {}, now: () => frozen });
  url = await server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.shutdown(1000);
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('a reload keeps the cache and the spent rate-limit budget', () => {
  it('unchanged settings: cached answers stay, the spent token stays spent; a new limit makes a new limiter', async () => {
    expect(await run(PARTNERS)).toMatchObject({ calls: 1, code: null });
    expect(await run(PARTNERS)).toMatchObject({ calls: 0, code: null });

    await writeConfig(40, 60);
    expect(await server.reload('test')).toEqual({ outcome: 'ok', generation: 1, changed: ['server.budget'] });
    expect(await run(PARTNERS)).toMatchObject({ calls: 0, code: null });
    // The minute's one token went to the first read, before the reload: none for a new read.
    expect(await run(COUNTRIES)).toEqual({ calls: 0, code: 'UPSTREAM_RATE_LIMITED', data: { countries: null } });

    await writeConfig(40, 120);
    expect(await server.reload('test')).toEqual({ outcome: 'ok', generation: 2, changed: ['upstream.rateLimit'] });
    expect(await run(COUNTRIES)).toMatchObject({ calls: 1, code: null });
    expect(await run(PARTNERS)).toMatchObject({ calls: 0, code: null });
  });

  it('a reload with nothing changed builds nothing', async () => {
    const before = server.current();
    expect(await server.reload('test')).toEqual({ outcome: 'ok', generation: 2, changed: [] });
    expect(server.current()).toBe(before);
  });
});
