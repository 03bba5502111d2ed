/**
 * The package as a user gets it: `npm pack` of the built tree, installed globally into a temporary
 * prefix (production dependencies only, from the registry or npm's cache), then used from a
 * directory outside the checkout: `--version`, `init` over a running simulator (which introspects
 * at once, as the auth needs no secret), `print-sdl` from another directory (paths resolve against
 * the config file), and `serve` answering a query.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { startSimulator } from '../support/simulator.js';
import { REPO_ROOT } from '../support/start-stack.js';

const run = promisify(execFile);
const INSTALL_MS = 240_000;

let dir = '';
let bin = '';
let simulator: Simulator;
const children: ChildProcess[] = [];

async function cli(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, [...args], { cwd, env: { ...process.env, BJET_GRAPHQL_CONFIG: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-pack-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  const tarball = path.join(dir, packed.stdout.trim().split('\n').at(-1) ?? '');
  const prefix = path.join(dir, 'prefix');
  await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  bin = path.join(prefix, 'bin', 'bjet-graphql');
  simulator = await startSimulator();
}, INSTALL_MS);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('the packed and installed CLI', () => {
  it('installs without dev dependencies and prints its version', async () => {
    const installed = path.join(dir, 'prefix', 'lib', 'node_modules', 'bjet-graphql');
    expect(existsSync(path.join(installed, 'dist', 'bundle', 'bjet-graphql.cjs'))).toBe(true);
    expect(existsSync(path.join(installed, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    const version = (JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await cli(['--version'], dir)).toEqual({ code: 0, stdout: `bjet-graphql ${version}\n`, stderr: '' });
  });

  it('init writes a config and introspects; print-sdl and serve work from anywhere', async () => {
    const project = await mkdtemp(path.join(dir, 'project-'));
    const init = await cli(['init', '--base-url', simulator.baseUrl, '--endpoint', 'countries', '--auth', 'none'], project);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(
      /^wrote bjet-graphql\.config\.yaml\nintrospected 1 endpoints \(40 records\): wrote schema\/schema\.graphql, schema\/model\.json\n/,
    );
    const config = path.join(project, 'bjet-graphql.config.yaml');
    const printed = await cli(['print-sdl', '--config', config], dir);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(await readFile(path.join(project, 'schema', 'schema.graphql'), 'utf8'));
    expect(printed.stdout).toContain('type Country @key(fields: "id")');

    const child = spawn(bin, ['serve', '--config', config, '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /at (http:\/\/\S+\/graphql)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${output}`)));
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ country(id: "1") { id name } }' }),
    });
    const body = (await response.json()) as { data?: { country?: { id: string; name: string } | null } };
    expect(body.data?.country?.id).toBe('1');
    child.kill('SIGTERM');
  });
});
