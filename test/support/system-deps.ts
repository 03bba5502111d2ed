/**
 * System programs a test needs (Debian's `chromium`, `redis-server`): found on the PATH, or
 * installed once with apt-get when this process may (root, apt-get present, Debian's registry
 * reachable). Where it cannot, the error says exactly why and what to run, so a fresh machine's
 * `npm install && npm test` needs nothing installed by hand and a machine that cannot install says
 * so instead of skipping.
 *
 * Call it where the program is used (a test support module), not in a global set-up: then
 * `vitest run test/unit` never reaches apt-get. Await it when that module loads (top-level await):
 * a file's loading has no timeout, so a first install taking minutes does not race a hook timeout.
 * Test files run in parallel worker processes, so installs are serialised across processes by a
 * lock file, and a process that waited finds the program its predecessor installed.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { withInstallLock } from './system-deps-lock.js';

const run = promisify(execFile);

export interface SystemDependency {
  /** The program looked for on the PATH (`redis-server`). */
  readonly command: string;
  /** The Debian package that ships it (`redis-server`). */
  readonly aptPackage: string;
}

/** Installs already attempted in this process: one apt-get per package, whatever the callers. */
const attempts = new Map<string, Promise<string>>();

/** The absolute path of `command`, installing its package first when it is missing. */
export function ensureSystemCommand(dependency: SystemDependency): Promise<string> {
  let attempt = attempts.get(dependency.command);
  if (attempt === undefined) {
    attempt = findOrInstall(dependency);
    attempts.set(dependency.command, attempt);
  }
  return attempt;
}

const say = (line: string): void => {
  process.stderr.write(`test set-up: ${line}\n`);
};

async function findOrInstall(dependency: SystemDependency): Promise<string> {
  const found = await findOnPath(dependency.command);
  if (found !== null) return found;
  const { command, aptPackage } = dependency;
  const manual = `install it by hand (apt-get update && apt-get install -y ${aptPackage}) and run the tests again`;
  if ((await findOnPath('apt-get')) === null) {
    throw new Error(
      `${command} is not installed and this machine has no apt-get to install Debian's ${aptPackage}; install ${command} by hand and run the tests again`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`${command} is not installed and this test run is not root, so it cannot install Debian's ${aptPackage}; ${manual}`);
  }
  return withInstallLock(say, async () => {
    // Another test process may have installed it while this one waited for the lock.
    const installedMeanwhile = await findOnPath(command);
    if (installedMeanwhile !== null) return installedMeanwhile;
    const started = Date.now();
    say(
      `${command} not found on the PATH; installing Debian's ${aptPackage} (apt-get update, apt-get install -y --no-install-recommends ${aptPackage}); once per machine, this can take minutes`,
    );
    await aptInstall(aptPackage, manual);
    const installed = await findOnPath(command);
    if (installed === null) throw new Error(`apt-get installed ${aptPackage} but ${command} is still not on the PATH`);
    say(`installed Debian's ${aptPackage} in ${Math.round((Date.now() - started) / 1000)} s: ${installed}`);
    return installed;
  });
}

async function aptInstall(aptPackage: string, manual: string): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-qq'], { env, maxBuffer: 16 * 1024 * 1024 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', aptPackage], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error);
    throw new Error(`could not install Debian's ${aptPackage} (is Debian's registry reachable?): ${detail}; ${manual}`);
  }
}

async function findOnPath(command: string): Promise<string | null> {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
