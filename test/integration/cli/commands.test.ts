/**
 * The built CLI as a new user meets it: a mistyped command, `--version`, BJET_GRAPHQL_CONFIG,
 * `init`, `print-sdl` with no secret in the environment (and nothing printed when it fails),
 * sampling a forward-auth endpoint with `--header`, and upstream failures that say what to fix.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { REPO_ROOT } from '../../support/start-stack.js';

const BIN = path.join(REPO_ROOT, 'bin', 'bjet-graphql.js');

let simulator: Simulator;
let dir = '';

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, BJET_GRAPHQL_CONFIG: '', BJET_GRAPHQL_SAMPLE_AUTHORIZATION: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-cli-commands-'));
});

afterAll(async () => {
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, yaml: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return file;
}

describe('bjet-graphql for a new user', () => {
  it('suggests the command a typo meant, and prints its version', async () => {
    const typo = await cli(['introspct']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^bjet-graphql: unknown command "introspct"; did you mean `introspect`\?\n/);
    const version = (JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `bjet-graphql ${version}\n`, stderr: '' });
  });

  it('init writes a starter, refuses to overwrite it, and names the variables to set', async () => {
    const args = ['init', '--base-url', simulator.baseUrl, '--endpoint', 'partners', '--config', 'starter.yaml'];
    const first = await cli(args, { BJET_TOKEN: '' });
    expect(first).toEqual({
      code: 0,
      stdout: 'wrote starter.yaml\nnext: set BJET_TOKEN, then run `bjet-graphql introspect --config starter.yaml`\n',
      stderr: '',
    });
    const text = await readFile(path.join(dir, 'starter.yaml'), 'utf8');
    expect(text).toContain('auth: { type: bearer, token: "${BJET_TOKEN}" }');
    expect(text).toContain(`baseUrl: "${simulator.baseUrl}"`);
    const again = await cli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('starter.yaml exists; pass --force to overwrite it');
    expect((await cli(['init', '--endpoint', 'partners'])).stderr).toContain('--base-url URL is required');
  });

  it('print-sdl needs no secret in the environment, reads BJET_GRAPHQL_CONFIG, and prints nothing when it fails', async () => {
    const config = await writeConfig(
      'secret.yaml',
      `upstream:\n  baseUrl: "\${BJET_BASE_URL_UNSET}"\n  auth: { type: bearer, token: "\${BJET_TOKEN_UNSET}" }\nendpoints:\n  partners: {}\nschemaDir: ${path.join(REPO_ROOT, 'schema')}\n`,
    );
    const printed = await cli(['print-sdl'], { BJET_GRAPHQL_CONFIG: config });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(await readFile(path.join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const missing = await writeConfig('missing.yaml', 'upstream:\n  baseUrl: http://x\nendpoints:\n  partners: {}\nschemaDir: nowhere\n');
    const failed = await cli(['print-sdl', '--config', missing]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toBe('');
  });

  it('samples a forward-auth endpoint with --header, and says which auth a 401 used', async () => {
    const config = await writeConfig(
      'forward.yaml',
      `upstream:\n  baseUrl: ${simulator.baseUrl}\n  auth: { type: forward }\nendpoints:\n  partners: {}\nschemaDir: forward-schema\n`,
    );
    const refused = await cli(['introspect', '--config', config]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`UNAUTHENTICATED: GET /partners: upstream answered 401`);
    expect(refused.stderr).toContain(`tried GET ${simulator.baseUrl}/partners with upstream.auth (forward): check those credentials`);
    const sampled = await cli(['introspect', '--config', config, '--header', 'Authorization: Bearer demo-token']);
    expect(sampled.code).toBe(0);
    expect(sampled.stdout).toMatch(/^introspected 1 endpoints \(280 records\)/);
    for (const file of ['schema.graphql', 'model.json']) {
      expect(await readFile(path.join(dir, 'forward-schema', file), 'utf8')).not.toContain('demo-token');
    }
    expect((await cli(['introspect', '--config', config, '--header', 'Cookie: x'])).stderr).toContain('--header takes "Authorization: <credentials>"');
  });

  it('a wrong base URL names the URL it tried', async () => {
    const config = await writeConfig(
      'wrong.yaml',
      `upstream:\n  baseUrl: ${simulator.baseUrl.replace('bj_api_sync', 'bj_api')}\nendpoints:\n  countries: {}\n`,
    );
    const run = await cli(['introspect', '--config', config]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`tried GET ${simulator.baseUrl.replace('bj_api_sync', 'bj_api')}/countries: is upstream.baseUrl right`);
  });
});
