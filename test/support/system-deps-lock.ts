/**
 * One apt-get at a time across the test run's worker processes (dpkg has one lock, and two
 * workers needing the same program should install it once). The lock is a file holding its
 * owner's pid, created atomically with link(2); a lock whose owner died is taken over.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK_PATH = path.join(os.tmpdir(), 'bjet-graphql-test-apt.lock');
const POLL_MS = 500;

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

async function tryAcquire(lockPath: string): Promise<boolean> {
  const staged = `${lockPath}.${process.pid}.${randomUUID()}`;
  await writeFile(staged, String(process.pid));
  try {
    await link(staged, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(staged);
  }
}

/** The pid holding the lock, or null when it is gone or its owner died (the lock is then removed). */
async function liveHolder(lockPath: string): Promise<number | null> {
  let holder: number;
  try {
    holder = Number(await readFile(lockPath, 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return holder;
  await unlink(lockPath).catch(() => undefined);
  return null;
}

/** Runs `install` while holding the machine-wide lock; `say` tells the user when it has to wait. */
export async function withInstallLock<T>(say: (line: string) => void, install: () => Promise<T>, lockPath = LOCK_PATH): Promise<T> {
  let toldWaiting = false;
  while (!(await tryAcquire(lockPath))) {
    const holder = await liveHolder(lockPath);
    if (holder === null) continue;
    if (!toldWaiting) say(`waiting for test process ${holder}, which is installing a system package (${lockPath})`);
    toldWaiting = true;
    await sleep(POLL_MS);
  }
  try {
    return await install();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
