/**
 * The built CLI (`npm test` builds first): `demo` prints an example that returns data, and `serve`
 * over a separately started simulator with a config file works the same. Both start from the
 * bundle with its code cache, settle the heap once they listen (src/cli/settle-heap.ts) and stop on
 * SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { postGraphQL, REPO_ROOT, SCHEMA_DIR } from '../../support/start-stack.js';

interface Running {
  readonly child: ChildProcess;
  readonly output: () => string;
}

const children: ChildProcess[] = [];
let simulator: Simulator | undefined;
let tempDir: string | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await simulator?.close();
  simulator = undefined;
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

/** What BJET_GRAPHQL_STARTUP_REPORT=1 prints before the URL: the bundle's cache taken, the heap settled. */
const STARTUP_REPORT =
  /bjet-graphql startup: bundle, code cache accepted, loaded in \d+ ms\n(?:.*\n)*bjet-graphql startup: heap settled in [\d.]+ ms \([\d.]+ MB used before, [\d.]+ MB after\), growing factor 1\.5\n/;

function run(args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

async function waitFor(running: Running, pattern: RegExp, ms = 15_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(running.output());
    if (match !== null) return match;
    if (running.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${String(pattern)} in:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

describe('bjet-graphql demo', () => {
  it('prints a GraphiQL URL and a curl command whose query returns data, then stops on SIGTERM', async () => {
    const demo = run(['demo'], { PORT: '0', BJET_GRAPHQL_STARTUP_REPORT: '1' });
    const [, url] = await waitFor(demo, /GraphiQL:\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/);
    expect(demo.output()).toMatch(STARTUP_REPORT);
    const [, curlUrl, payload] = await waitFor(demo, /curl -s (\S+) -H 'content-type: application\/json' --data '([^']+)'/);
    expect(curlUrl).toBe(url);
    const response = await postGraphQL(url ?? '', JSON.parse(payload ?? '{}'));
    expect(response.body.errors).toBeUndefined();
    const page = Object.values(response.body.data ?? {})[0] as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect(response.body.extensions).toMatchObject({ cost: { restCalls: 1 } });
    expect(await stop(demo)).toBe(0);
  });
});

describe('bjet-graphql serve', () => {
  it('serves a config file over a separately started simulator', async () => {
    simulator = await startSimulator({ switches: { inFilter: true } });
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'bjet-serve-'));
    const demoConfig = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
    const config = demoConfig.replace(/baseUrl: .*/, `baseUrl: ${simulator.baseUrl}`).replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(SCHEMA_DIR)}`);
    const file = path.join(tempDir, 'config.yaml');
    await writeFile(file, config);
    const serve = run(['serve', '--config', file, '--port', '0', '--host', '127.0.0.1'], {
      BJET_DEMO_TOKEN: 'demo-token',
      BJET_GRAPHQL_STARTUP_REPORT: '1',
    });
    const [, url] = await waitFor(serve, /serving \d+ endpoints at (http:\/\/127\.0\.0\.1:\d+\/graphql)/);
    expect(serve.output()).toMatch(STARTUP_REPORT);
    const response = await postGraphQL(url ?? '', { query: '{ saleOrders(limit: 3) { items { name partner { name } orderLine { product { name } } } } }' });
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data as { saleOrders: { items: unknown[] } }).saleOrders.items).toHaveLength(3);
    expect(simulator.records).toHaveLength(1);
    expect(await stop(serve)).toBe(0);
    // The operation's log line (buffered stdout) is written by the time the process has stopped.
    const lines = serve
      .output()
      .split('\n')
      .filter((line) => line.includes('"graphql operation"'));
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 30, operationType: 'query', restCalls: 1, sharedCalls: 0, errors: 0 }),
    ]);
  });

  it('reports a bad option as a usage error (exit 2)', async () => {
    const serve = run(['serve', '--port', 'eighty']);
    const code = await new Promise<number | null>((resolve) => serve.child.once('exit', resolve));
    expect(code).toBe(2);
    expect(serve.output()).toContain('invalid port "eighty"');
  });

  it('refuses to start on a schema/ whose SDL renamed a mutation (exit 1, SCHEMA_DRIFT and the fix)', async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'bjet-serve-'));
    const schemaDir = path.join(tempDir, 'schema');
    await cp(SCHEMA_DIR, schemaDir, { recursive: true });
    const sdlFile = path.join(schemaDir, 'schema.graphql');
    await writeFile(sdlFile, (await readFile(sdlFile, 'utf8')).replace('createPartner(', 'addPartner('));
    const demoConfig = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
    const file = path.join(tempDir, 'config.yaml');
    await writeFile(file, demoConfig.replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(schemaDir)}`));
    const serve = run(['serve', '--config', file, '--port', '0', '--host', '127.0.0.1'], { BJET_DEMO_TOKEN: 'demo-token' });
    const code = await new Promise<number | null>((resolve) => serve.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(serve.output()).toContain(
      'bjet-graphql serve: SCHEMA_DRIFT: schema/schema.graphql and schema/model.json disagree: Mutation.addPartner, Mutation.addPartner(input:) are in the SDL but not in model.json; Mutation.createPartner, Mutation.createPartner(input:) are in model.json but not in the SDL; regenerate both with `bjet-graphql introspect`',
    );
  });
});
