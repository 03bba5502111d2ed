/**
 * `serve` reloads its config and schema/ (SIGHUP, `--watch`) under load: the built CLI over the
 * simulator, behind a proxy that holds upstream requests so that operations are in flight at the
 * swap, with an open subscription. Zero operations may fail; those in flight finish on the
 * generation they started with; a bad config or a drifting schema/ is refused with its code.
 */
import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { readMetric } from '../../support/read-metric.js';
import { copySchema, introspectInto, printReloadConfig, untilLogged, writeReloadConfig, type ReloadConfigOptions } from '../../support/reload-fixture.js';
import { startSimulator } from '../../support/simulator.js';
import { spawnServe, type ServeProcess } from '../../support/spawn-serve.js';
import { startGateProxy, type GateProxy } from '../../support/start-gate-proxy.js';
import { startOperationLoad } from '../../support/start-operation-load.js';
import { postGraphQL } from '../../support/start-stack.js';
import { connect, type WsClient } from '../../support/ws-client.js';

/** Each client its own page: identical reads in flight would be one upstream call. */
const loadQuery = (client: number): string => `{ partners(limit: ${client + 2}) { items { id name } } }`;
const LOAD_CLIENTS = 4;
let simulator: Simulator;
let gate: GateProxy;
let dir = '';
let configFile = '';
let schemaA = '';
let schemaB = '';
let serve: ServeProcess;
let ws: WsClient | null = null;

const configOf = (changes: Partial<ReloadConfigOptions>): ReloadConfigOptions => ({
  baseUrl: gate.baseUrl,
  schemaDir: schemaA,
  costInExtensions: false,
  ...changes,
});

async function metric(name: string, labels: Record<string, string> = {}): Promise<number | null> {
  const response = await fetch(`${serve.origin}/metrics`);
  return readMetric(await response.text(), name, labels);
}

async function untilMetric(name: string, value: number): Promise<void> {
  while ((await metric(name)) !== value) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  simulator = await startSimulator();
  gate = await startGateProxy(simulator.baseUrl);
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-serve-reload-'));
  configFile = path.join(dir, 'config.yaml');
  schemaA = path.join(dir, 'schema-a');
  schemaB = path.join(dir, 'schema-b');
  await copySchema(schemaA);
  // schema-b: introspected with the countries' `code` renamed `isoCode`, straight from the simulator.
  const introspectConfig = path.join(dir, 'introspect.yaml');
  await writeReloadConfig(introspectConfig, { baseUrl: simulator.baseUrl, schemaDir: schemaB, costInExtensions: false, isoCode: true });
  await introspectInto(introspectConfig, schemaB);
  await writeReloadConfig(configFile, configOf({}));
  serve = await spawnServe(configFile, { LOG_LEVEL: 'info' });
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await serve?.stop();
  await gate?.close();
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('serve: SIGHUP under load', () => {
  it('swaps the config and schema/ with zero failed operations; in-flight ones finish on their generation; the subscription delivers', async () => {
    ws = connect(serve.url);
    const subscription = ws.subscribe('subscription { partnerChanged(id: "7") { event record { city } } }');
    await untilMetric('bjet_subscriptions_open', 1);
    const load = startOperationLoad(serve.url, loadQuery, LOAD_CLIENTS);
    load.setPhase('gen0');
    await load.untilMore(20);

    // Reload 1 (a setting a client sees) with every client's operation held upstream: in flight at the swap.
    gate.hold();
    await gate.untilHeld(LOAD_CLIENTS);
    await writeReloadConfig(configFile, configOf({ costInExtensions: true }));
    load.setPhase('swap1');
    serve.child.kill('SIGHUP');
    await untilLogged(serve, /reload \(SIGHUP\): ok, changed: server\.costInExtensions; serving generation 1/);
    load.setPhase('gen1');
    const fresh = await postGraphQL(serve.url, { query: '{ __typename }' });
    expect(fresh.body.extensions?.['cost']).toBeDefined();
    gate.release();
    await load.untilMore(LOAD_CLIENTS * 5);

    // Reload 2: another schema/ (and the config naming it), under the same stream.
    await writeReloadConfig(configFile, configOf({ costInExtensions: true, schemaDir: schemaB, isoCode: true }));
    load.setPhase('swap2');
    serve.child.kill('SIGHUP');
    await untilLogged(serve, /reload \(SIGHUP\): ok, changed: endpoints, schemaDir, schema; serving generation 2/);
    load.setPhase('gen2');
    await load.untilMore(LOAD_CLIENTS * 5);
    const renamed = await postGraphQL(serve.url, { query: '{ countries(limit: 1) { items { isoCode } } }' });
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data).toEqual({ countries: { items: [{ isoCode: expect.any(String) }] } });

    // The subscription opened on generation 0 still delivers.
    const mutation = await postGraphQL(serve.url, { query: 'mutation { updatePartner(id: "7", input: { city: "Reloaded" }) { id } }' });
    expect(mutation.body.errors).toBeUndefined();
    const [event] = await subscription.waitFor(1);
    expect(event).toEqual({ data: { partnerChanged: { event: 'UPDATED', record: { city: 'Reloaded' } } } });
    expect(await metric('bjet_subscriptions_open')).toBe(1);
    await load.stop();
    // Generation 1 held only HTTP requests; generation 0 is held by the WebSocket until it closes.
    await untilLogged(serve, /generation 1 closed/);
    expect(serve.output()).not.toContain('generation 0 closed');
    await ws.close();
    ws = null;
    await untilLogged(serve, /generation 0 closed/);

    expect(load.failures).toEqual([]);
    // Started on generation 0 (no cost in its answers), answered once generation 1 was serving.
    const across = load.done.filter((operation) => operation.phase === 'gen0' && operation.answeredIn !== 'gen0');
    expect(across.length).toBeGreaterThanOrEqual(LOAD_CLIENTS);
    expect(load.done.filter((operation) => operation.phase === 'gen0').every((operation) => !operation.cost)).toBe(true);
    const later = load.done.filter((operation) => ['gen1', 'swap2', 'gen2'].includes(operation.phase));
    expect(later.length).toBeGreaterThanOrEqual(LOAD_CLIENTS * 10);
    expect(later.every((operation) => operation.cost)).toBe(true);
    expect(await metric('bjet_config_reloads_total', { outcome: 'ok' })).toBe(2);
  });

  it('refuses a bad config, a drifting schema/ and a restart-only change, with their codes, and keeps serving', async () => {
    const load = startOperationLoad(serve.url, loadQuery, LOAD_CLIENTS);
    const running = configOf({ costInExtensions: true, schemaDir: schemaB, isoCode: true });
    const attempts: { readonly write: () => Promise<void>; readonly refused: RegExp }[] = [
      {
        write: async () =>
          writeFile(
            configFile,
            (await printReloadConfig({ ...running, costInExtensions: false })).replace('costInExtensions: false', 'costInExtensions: sometimes'),
          ),
        refused: /reload \(SIGHUP\): refused, CONFIG_INVALID: .*server\.costInExtensions.*; still serving generation 2/,
      },
      {
        // schema.graphql of schema-a beside the model.json of schema-b: they disagree on `code`.
        write: async () => {
          const drifting = path.join(dir, 'schema-drift');
          await copySchema(drifting);
          await copyFile(path.join(schemaB, 'model.json'), path.join(drifting, 'model.json'));
          await writeReloadConfig(configFile, { ...running, costInExtensions: false, schemaDir: drifting });
        },
        refused: /reload \(SIGHUP\): refused, SCHEMA_DRIFT: .*; still serving generation 2/,
      },
      {
        write: () => writeReloadConfig(configFile, { ...running, costInExtensions: false, port: 4999 }),
        refused: /reload \(SIGHUP\): refused, RELOAD_NEEDS_RESTART: server\.port changed: only a restart applies it; still serving generation 2/,
      },
    ];
    for (const attempt of attempts) {
      await load.untilMore(LOAD_CLIENTS);
      await attempt.write();
      serve.child.kill('SIGHUP');
      await untilLogged(serve, attempt.refused);
      // Generation 2 still answers, with its own settings and schema.
      const kept = await postGraphQL(serve.url, { query: '{ countries(limit: 1) { items { isoCode } } }' });
      expect(kept.body.errors).toBeUndefined();
      expect(kept.body.extensions?.['cost']).toBeDefined();
    }
    await load.untilMore(LOAD_CLIENTS);
    await load.stop();
    expect(load.failures).toEqual([]);
    expect(load.done.every((operation) => operation.cost)).toBe(true);
    expect(await metric('bjet_config_reloads_total', { outcome: 'refused' })).toBe(3);
    expect(await metric('bjet_config_reloads_total', { outcome: 'ok' })).toBe(2);
  });
});

describe('serve --watch', () => {
  it('reloads on an edit of the config file and on new files in schema/', async () => {
    const watched = path.join(dir, 'watched');
    await mkdir(watched);
    const watchedConfig = path.join(watched, 'config.yaml');
    const watchedSchema = path.join(watched, 'schema');
    await copySchema(watchedSchema);
    const options: ReloadConfigOptions = { baseUrl: simulator.baseUrl, schemaDir: watchedSchema, costInExtensions: false };
    await writeReloadConfig(watchedConfig, options);
    const watching = await spawnServe(watchedConfig, { LOG_LEVEL: 'info' }, ['--watch']);
    try {
      await writeReloadConfig(watchedConfig, { ...options, costInExtensions: true });
      await untilLogged(watching, /reload \(watch\): ok, changed: server\.costInExtensions; serving generation 1/);
      const answer = await postGraphQL(watching.url, { query: '{ __typename }' });
      expect(answer.body.extensions?.['cost']).toBeDefined();

      await cp(schemaB, watchedSchema, { recursive: true });
      await untilLogged(watching, /reload \(watch\): ok, changed: schema; serving generation \d/);
      const renamed = await postGraphQL(watching.url, { query: '{ countries(limit: 1) { items { isoCode } } }' });
      expect(renamed.body.errors).toBeUndefined();
    } finally {
      expect(await watching.stop()).toBe(0);
    }
  });
});
