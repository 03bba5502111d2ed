/** The built CLI (`npm test` builds first): `simulate --outbound URL` sends its changes to our webhook. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { HOOK_TOKEN, startFeedStack, type FeedStack } from '../../support/feed-stack.js';
import { REPO_ROOT } from '../../support/start-stack.js';

let stack: FeedStack | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  await stack?.close();
  stack = undefined;
  child = undefined;
});

function baseUrlOf(process: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined && output.includes('Outbound:')) resolve(match[1]);
    });
    process.once('exit', (code) => reject(new Error(`simulate exited with ${String(code)}: ${output}`)));
  });
}

describe('bjet-graphql simulate --outbound', () => {
  it('sends an API write to the webhook with the given token', async () => {
    stack = await startFeedStack();
    child = spawn(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--port', '0', '--outbound', stack.hooks, '--outbound-token', HOOK_TOKEN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const baseUrl = await baseUrlOf(child);
    await fetch(`${baseUrl}/partners/7`, {
      method: 'PUT',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: '{"city":"Tours"}',
    });
    while (stack.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await stack.idle();
    expect(stack.events.map((event) => `${event.kind} ${event.endpoint} ${event.id} ${event.source}`)).toEqual(['updated partners 7 webhook']);
  });

  it('refuses an outbound URL that is not http(s) with the usage and exit 2', () => {
    const result = spawnSync(process.execPath, ['bin/bjet-graphql.js', 'simulate', '--outbound', 'ftp://example'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--outbound must be an http:// or https:// URL');
  });
});
