/**
 * The built CLI starts from its bundle with the build's code cache accepted (a regression guard for
 * start-up time that does not time anything: the slow path is the one that loads modules one by
 * one, or compiles the bundle from scratch). The fallback to tsc's output still runs the CLI.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/start-stack.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/bjet-graphql.js');

async function startHelp(env: Readonly<Record<string, string>>): Promise<{ stdout: string; report: string }> {
  const { stdout, stderr } = await run(process.execPath, [BIN, '--help'], {
    cwd: REPO_ROOT,
    env: { ...process.env, BJET_GRAPHQL_STARTUP_REPORT: '1', ...env },
  });
  return { stdout, report: /^bjet-graphql startup: .*$/m.exec(stderr)?.[0] ?? stderr };
}

describe('how the built CLI starts', () => {
  it('loads the bundle with the code cache the build made, and accepts it', async () => {
    const { stdout, report } = await startHelp({});
    expect(report).toMatch(/^bjet-graphql startup: bundle, code cache accepted, loaded in \d+ ms$/);
    expect(stdout).toContain('Usage: bjet-graphql <command> [options]');
  });

  it('runs from tsc output with BJET_GRAPHQL_NO_BUNDLE=1, with the same commands', async () => {
    const bundled = await startHelp({});
    const { stdout, report } = await startHelp({ BJET_GRAPHQL_NO_BUNDLE: '1' });
    expect(report).toMatch(/^bjet-graphql startup: tsc output \(BJET_GRAPHQL_NO_BUNDLE=1\), loaded in \d+ ms$/);
    expect(stdout).toBe(bundled.stdout);
  });
});
