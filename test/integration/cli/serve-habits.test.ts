/**
 * The built CLI's habits as a container runs it: HOST and PORT, LOG_LEVEL, and start-up failures
 * (a port in use, a missing schema dir, an unreadable config, a bad LOG_LEVEL) as one line with the
 * exit code of the error table, never a stack trace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { postGraphQL, REPO_ROOT, SCHEMA_DIR } from '../../support/start-stack.js';

const BIN = path.join(REPO_ROOT, 'bin', 'bjet-graphql.js');
let simulator: Simulator;
let dir = '';
let config = '';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, BJET_GRAPHQL_CONFIG: '', LOG_LEVEL: '', HOST: '', PORT: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function expectOneLineFailure(result: Result, code: keyof typeof ERROR_CODES, text: string): void {
  expect(result.code).toBe(ERROR_CODES[code].exitCode);
  expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${code}: `)]);
  expect(result.stderr).toContain(text);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-serve-habits-'));
  config = path.join(dir, 'config.yaml');
  // The demo config (every endpoint of schema/) over this simulator.
  const demo = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
  await writeFile(config, demo.replace(/baseUrl: .*/, `baseUrl: ${simulator.baseUrl}`).replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(SCHEMA_DIR)}`));
});

afterAll(async () => {
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('start-up failures', () => {
  it('a port in use: LISTEN_FAILED', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      expectOneLineFailure(
        await cli(['serve', '--config', config, '--port', String(port), '--host', '127.0.0.1']),
        'LISTEN_FAILED',
        `port ${port} on 127.0.0.1 is already in use`,
      );
      expectOneLineFailure(await cli(['serve', '--config', config], { PORT: String(port), HOST: '127.0.0.1' }), 'LISTEN_FAILED', `port ${port}`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a missing schema dir, an unreadable config, a bad LOG_LEVEL', async () => {
    const noSchema = path.join(dir, 'no-schema.yaml');
    await writeFile(noSchema, `upstream:\n  baseUrl: ${simulator.baseUrl}\nendpoints:\n  countries: {}\nschemaDir: ./missing\n`);
    expectOneLineFailure(await cli(['serve', '--config', noSchema]), 'SCHEMA_DRIFT', 'does not exist');
    const directory = path.join(dir, 'a-directory.yaml');
    await mkdir(directory);
    expectOneLineFailure(await cli(['serve', '--config', directory]), 'CONFIG_INVALID', 'cannot read the config file');
    expectOneLineFailure(await cli(['serve', '--config', config], { LOG_LEVEL: 'loud' }), 'CONFIG_INVALID', 'LOG_LEVEL="loud"');
  });
});

describe('HOST, PORT and LOG_LEVEL', () => {
  async function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, [BIN, 'serve', '--config', config], {
      cwd: dir,
      env: { ...process.env, BJET_GRAPHQL_CONFIG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    for (;;) {
      const match = /serving \d+ endpoints at (http:\S+)/.exec(output);
      if (match?.[1] !== undefined) return { child, url: match[1], output: () => output };
      if (child.exitCode !== null) throw new Error(`serve exited:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function stop(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  it('listens where HOST and PORT say and logs at LOG_LEVEL', async () => {
    for (const [level, logsOperations] of [
      ['info', true],
      ['warn', false],
    ] as const) {
      const running = await serve({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: level });
      try {
        expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
        expect(running.url).not.toContain(':4000/');
        const response = await postGraphQL(running.url, { query: '{ countries(limit: 1) { items { id } } }' });
        expect(response.body.errors).toBeUndefined();
      } finally {
        await stop(running.child);
      }
      expect(running.output().includes('"msg":"graphql operation"')).toBe(logsOperations);
    }
  });
});
