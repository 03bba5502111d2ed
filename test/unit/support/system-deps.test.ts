/**
 * The test set-up's system programs: a program on the PATH is found without apt-get, a missing one
 * is refused with the command to run when this run may not install, and installs in parallel test
 * processes wait for each other through the lock file (a dead owner's lock is taken over).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureSystemCommand } from '../../support/system-deps.js';
import { withInstallLock } from '../../support/system-deps-lock.js';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

describe('ensureSystemCommand', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('finds a program on the PATH and answers every caller with the same attempt', async () => {
    const first = ensureSystemCommand({ command: 'node', aptPackage: 'nodejs' });
    expect(ensureSystemCommand({ command: 'node', aptPackage: 'nodejs' })).toBe(first);
    const found = await first;
    expect(path.isAbsolute(found)).toBe(true);
    expect(path.basename(found)).toBe('node');
  });

  it('refuses to install as a non-root user and names the command to run', async () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    await expect(ensureSystemCommand({ command: 'bjet-no-such-program', aptPackage: 'bjet-no-such-package' })).rejects.toThrow(
      "bjet-no-such-program is not installed and this test run is not root, so it cannot install Debian's bjet-no-such-package; install it by hand (apt-get update && apt-get install -y bjet-no-such-package) and run the tests again",
    );
  });
});

describe('withInstallLock', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs one install at a time and tells a waiter who it waits for', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-lock-'));
    const lock = path.join(dir, 'apt.lock');
    const events: string[] = [];
    const said: string[] = [];
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const first = withInstallLock(
      (line) => said.push(line),
      async () => {
        events.push('first starts');
        await firstHeld;
        events.push('first ends');
      },
      lock,
    );
    // Both calls race for link(2): start the second only once the first holds the lock.
    await vi.waitFor(() => expect(events).toEqual(['first starts']), { timeout: 25_000 });
    const second = withInstallLock(
      (line) => said.push(line),
      async () => {
        events.push('second starts');
      },
      lock,
    );
    // The waiter polls the lock: give it the test's whole timeout on a loaded machine, not waitFor's 1 s.
    await vi.waitFor(() => expect(said).toHaveLength(1), { timeout: 25_000 });
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts']);
    expect(said).toEqual([`waiting for test process ${process.pid}, which is installing a system package (${lock})`]);
  });

  it('takes over a lock whose owner died', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-lock-'));
    const lock = path.join(dir, 'apt.lock');
    await writeFile(lock, String(await deadPid()));
    const said: string[] = [];
    await expect(
      withInstallLock(
        (line) => said.push(line),
        async () => 'installed',
        lock,
      ),
    ).resolves.toBe('installed');
    expect(said).toEqual([]);
  });
});
