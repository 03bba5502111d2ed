/** Runs the built CLI (bin/bjet-graphql.js) as a child process and watches its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './start-stack.js';

export interface RunningCli {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

export function spawnCli(args: readonly string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The first match of `pattern` in the output; fails if the process exits first. */
export async function waitForOutput(running: RunningCli, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(running.output());
    if (match !== null) return match;
    if (running.child.exitCode !== null) throw new Error(`no ${String(pattern)} in:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
