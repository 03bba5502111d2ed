/**
 * `npm start` as a user runs it: the built CLI's `demo` in a child process, on a port the OS picks
 * (PORT=0), with the GraphiQL URL read from its banner. Closing sends SIGTERM and waits for the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './start-stack.js';

export interface DemoProcess {
  /** The GraphQL (and GraphiQL) URL the banner printed. */
  readonly url: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
  }
}

/** `args` are the demo's options (`--cors ORIGIN`). */
export async function startDemoProcess(args: readonly string[] = []): Promise<DemoProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), 'demo', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo printed no GraphiQL URL within ${START_TIMEOUT_MS} ms:\n${stdout}${stderr}`)),
        START_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /GraphiQL:\s+(http:\/\/\S+\/graphql)/.exec(stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the demo exited (${code ?? signal}) before printing its URL:\n${stdout}${stderr}`));
      });
    });
    return { url, close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}
