/**
 * Reloading config and schema under load: a bounded loop of requests on loopback keeps running
 * while the server is reloaded twice and a bad config is refused; no operation fails, the ones in
 * flight at a switch finish on the old generation, and the new config applies to what comes after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoConfig } from '../../../src/config/build-demo-config.js';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { loadSchemaArtifacts } from '../../../src/model/load-schema-artifacts.js';
import { createReloadableServer, type ReloadableServer } from '../../../src/server/create-reloadable-server.js';
import type { ServerOptions } from '../../../src/server/create-server.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { readMetric } from '../../support/read-metric.js';
import { startSimulator } from '../../support/simulator.js';
import { postGraphQL, SCHEMA_DIR, type GraphQLResponse } from '../../support/start-stack.js';

let simulator: Simulator | undefined;
let server: ReloadableServer | undefined;
afterEach(async () => {
  await server?.close();
  await simulator?.close();
  server = undefined;
  simulator = undefined;
});

const QUERY = '{ countries(limit: 2) { items { id } } }';
const WORKERS = 4;
const PER_WORKER = 40;

describe('reload', () => {
  it('swaps config under load with zero failed operations, and keeps the old one on a bad config', async () => {
    const sim = await startSimulator({ latency: { kind: 'fixed', ms: 5 } });
    simulator = sim;
    const artifacts = await loadSchemaArtifacts(SCHEMA_DIR);
    let next: 'plain' | 'cost' | 'broken' = 'plain';
    const load = async (): Promise<ServerOptions> => {
      if (next === 'broken') throw new BjetError('CONFIG_INVALID', 'server.budget: expected a positive integer');
      const demo = buildDemoConfig(sim.baseUrl);
      return { ...artifacts, config: { ...demo, server: { ...demo.server, costInExtensions: next === 'cost' } } };
    };
    const reloadable = await createReloadableServer(load);
    server = reloadable;
    const url = await reloadable.listen(0, '127.0.0.1');

    const answers: { readonly response: GraphQLResponse; readonly afterReload: boolean }[] = [];
    let reloaded = false;
    const worker = async (): Promise<void> => {
      for (let i = 0; i < PER_WORKER; i += 1) {
        const afterReload = reloaded;
        answers.push({ response: await postGraphQL(url, { query: QUERY }), afterReload });
      }
    };
    const swaps = async (): Promise<void> => {
      const waitFor = async (count: number): Promise<void> => {
        while (answers.length < count) await new Promise((resolve) => setImmediate(resolve));
      };
      await waitFor(30);
      next = 'cost';
      await reloadable.reload();
      reloaded = true;
      await waitFor(60);
      next = 'broken';
      await expect(reloadable.reload()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
      await waitFor(90);
      next = 'cost';
      await reloadable.reload();
    };
    await Promise.all([...Array.from({ length: WORKERS }, worker), swaps()]);

    expect(answers).toHaveLength(WORKERS * PER_WORKER);
    const failed = answers.filter(({ response }) => response.status !== 200 || response.body.errors !== undefined);
    expect(failed).toEqual([]);
    expect(reloadable.generation).toBe(2);
    // Every request sent after the first switch was answered by the new config (cost in extensions).
    const late = answers.filter(({ afterReload }) => afterReload);
    expect(late.length).toBeGreaterThan(0);
    for (const { response } of late) expect(response.body.extensions?.['cost']).toMatchObject({ budget: 50 });
    expect(answers[0]?.response.body.extensions).toBeUndefined();
    // The counters survive reloads; every operation made its one list call or shared an identical one
    // in flight, whichever generation answered it.
    const metrics = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    expect(readMetric(metrics, 'bjet_graphql_operations_total', { type: 'query', result: 'ok' })).toBe(WORKERS * PER_WORKER);
    const sent = sim.records.filter((record) => record.endpoint === 'countries' && record.query['limit'] === '3').length;
    expect(sent + (readMetric(metrics, 'bjet_upstream_shared_calls_total') ?? 0)).toBe(WORKERS * PER_WORKER);
  });
});
