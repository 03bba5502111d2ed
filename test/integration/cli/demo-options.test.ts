/** `demo` takes the options of `serve` (`--port`, `--host`) plus `--cors`, and rejects unknown ones. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startDemoProcess } from '../../support/browser-demo.js';
import { postGraphQL, REPO_ROOT } from '../../support/start-stack.js';

const BIN = path.join(REPO_ROOT, 'bin', 'bjet-graphql.js');

async function demo(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'demo', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('bjet-graphql demo options', () => {
  it('rejects an unknown option or a bad port with a usage error, before starting anything', async () => {
    const unknown = await demo(['--prot', '4000']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--prot'");
    expect(unknown.stderr).toContain('bjet-graphql demo --help');
    expect(unknown.stdout).toBe('');
    const port = await demo(['--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('invalid port "abc"');
    const positional = await demo(['extra']);
    expect(positional.code).toBe(2);
  });

  it('documents --port, --host and --cors in --help', async () => {
    const help = await demo(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--port N', '--host H', '--cors ORIGIN']) expect(help.stdout).toContain(option);
  });

  it('listens where --host and --port say', async () => {
    const started = await startDemoProcess(['--host', 'localhost', '--port', '0']);
    try {
      expect(started.url).toMatch(/^http:\/\/localhost:\d+\/graphql$/);
      const response = await postGraphQL(started.url, { query: '{ countries(limit: 1) { items { code } } }' });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ countries: { items: [{ code: expect.any(String) }] } });
    } finally {
      await started.close();
    }
  });
});
