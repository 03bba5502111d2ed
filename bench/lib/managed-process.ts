/**
 * Child processes of the bench (simulator, servers under test), pinned to one core with `taskset`,
 * waited for until they answer HTTP, and always stopped: on stop(), and on the bench's own exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartOptions {
  /** Shown in errors and reports. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Core list for `taskset -c` (e.g. "0"); null runs unpinned. */
  readonly cpu: string | null;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Ready when a GET of this URL gets any HTTP answer whose status is below 500. */
  readonly readyUrl: string;
  readonly readyTimeoutMs?: number;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** The last lines it printed (stdout and stderr), for error reports. */
  tail(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
// Interrupted, the bench still stops its children (the exit handler above runs on process.exit).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export const TASKSET_AVAILABLE = spawnSync('taskset', ['--version']).status === 0;

/** Pins the calling process (all its threads) to `cpu`; false when taskset is missing or refused. */
export function pinSelf(cpu: string): boolean {
  if (!TASKSET_AVAILABLE) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpu, String(process.pid)]).status === 0;
}

export async function startManagedProcess(options: StartOptions): Promise<ManagedProcess> {
  const pinned = options.cpu !== null && TASKSET_AVAILABLE;
  // taskset execs the command, so the child's pid is the command's own (the one /proc is read for).
  const command = pinned ? 'taskset' : options.command;
  const args = pinned ? ['-c', options.cpu ?? '0', options.command, ...options.args] : [...options.args];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // Only the last few KB are kept: a server under test may log a line per request.
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const managed: ManagedProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    tail: () => output.trim(),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
  try {
    await waitUntilReady(options, child, exited);
  } catch (error) {
    await managed.stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.name} did not start: ${message}\n${managed.tail()}`);
  }
  return managed;
}

async function waitUntilReady(options: StartOptions, child: ChildProcess, exited: Promise<void>): Promise<void> {
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${options.readyUrl} within ${options.readyTimeoutMs ?? 30_000} ms`);
}
