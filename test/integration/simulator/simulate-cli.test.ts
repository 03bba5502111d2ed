/** The built CLI (`npm test` builds first): `simulate --port 0` prints its base URL and serves every endpoint. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_OF } from './sim-http.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let child: ChildProcess;
let output = '';
let baseUrl = '';

function waitForBaseUrl(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    process.once('exit', (code) => reject(new Error(`simulate exited with ${String(code)} before listening: ${output}`)));
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--port', '0', '--seed', '7'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  baseUrl = await waitForBaseUrl(child);
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});

describe('bjet-graphql simulate', () => {
  it('prints the base URL and each endpoint with its auth, credentials and methods', () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bj_api_sync\/v1$/);
    expect(output).toMatch(/partners\s+GET,POST,PUT,DELETE .*auth: bearer \(token "demo-token"\)/);
    expect(output).toMatch(/products\s+GET,POST,PUT .*auth: basic \(login "demo", password "demo-password"\)/);
    expect(output).toMatch(/countries\s+GET .*auth: none/);
  });

  it.each(Object.entries(AUTH_OF))('GET %s?limit=2 answers two records', async (endpoint, auth) => {
    const response = await fetch(`${baseUrl}/${endpoint}?limit=2`, { headers: auth === null ? {} : { authorization: auth } });
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(Array.isArray(body) && body.length).toBe(2);
  });

  it('exits 0 on SIGTERM', async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('refuses an unknown option with the usage, exit 2', async () => {
    const bad = spawn(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--nope'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--nope'");
    expect(stderr).toContain('Usage: bjet-graphql simulate');
  });
});
