/**
 * System programs a test needs (Debian's `chromium`, `redis-server`): found on the PATH, or
 * installed once with apt-get when this process may (root, Debian's registry reachable). Where it
 * cannot, the error says exactly why and what to run, so a fresh machine's `npm install && npm test`
 * needs nothing installed by hand and a machine that cannot install says so instead of skipping.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

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

async function findOrInstall(dependency: SystemDependency): Promise<string> {
  const found = await findOnPath(dependency.command);
  if (found !== null) return found;
  const manual = `install it by hand: apt-get update && apt-get install -y ${dependency.aptPackage}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`${dependency.command} is not installed and this test run is not root, so it cannot install Debian's ${dependency.aptPackage}; ${manual}`);
  }
  process.stderr.write(`test set-up: ${dependency.command} not found; installing Debian's ${dependency.aptPackage} with apt-get (once)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-qq'], { env, maxBuffer: 16 * 1024 * 1024 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', dependency.aptPackage], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error);
    throw new Error(`could not install Debian's ${dependency.aptPackage} (is Debian's registry reachable?): ${detail}; ${manual}`);
  }
  const installed = await findOnPath(dependency.command);
  if (installed === null) throw new Error(`apt-get installed ${dependency.aptPackage} but ${dependency.command} is still not on the PATH`);
  return installed;
}

async function findOnPath(command: string): Promise<string | null> {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);
  for (const dir of dirs) {
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
