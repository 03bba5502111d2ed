/** The built CLI (`npm test` builds first): `simulate --proxy-limit` emulates the vendor's proxy; a bad value is a usage error. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let child: ChildProcess;
let output = '';
let baseUrl = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--port', '0', '--admin', '--proxy-limit', '2/min,1000/h'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined && output.includes('proxy limit')) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulate exited with ${String(code)}: ${output}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});

describe('bjet-graphql simulate --proxy-limit', () => {
  it('prints the limits, then refuses the third request of the minute with 429 and counts it', async () => {
    expect(output).toContain('proxy limit: 2 requests a minute per client IP, 1000 an hour per credential');
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${baseUrl}/countries/1`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const stats = (await (await fetch(`${new URL(baseUrl).origin}/__sim/proxy`)).json()) as { proxy: { accepted: number; refused: { total: number } } };
    expect([stats.proxy.accepted, stats.proxy.refused.total]).toEqual([2, 1]);
  });

  it('a malformed limit exits 2 with the reason', () => {
    const run = spawnSync(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--proxy-limit', '100/sec'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--proxy-limit: proxy limit "100/sec"');
  });
});
