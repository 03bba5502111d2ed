/**
 * Config files and schema directories for the reload tests of `serve`: the demo config over a
 * given base URL, with its schema directory, `server.costInExtensions` (a setting a client sees)
 * and the countries' `code` renamed to `isoCode` (a schema change) as asked.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServeProcess } from './spawn-serve.js';
import { REPO_ROOT, SCHEMA_DIR } from './start-stack.js';

export interface ReloadConfigOptions {
  readonly baseUrl: string;
  readonly schemaDir: string;
  readonly costInExtensions: boolean;
  readonly isoCode?: boolean;
  /** Replaces the port under `server:` (a restart-only key). */
  readonly port?: number;
}

export async function printReloadConfig(options: ReloadConfigOptions): Promise<string> {
  const demo = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
  const rename = options.isoCode === true ? '    fields: { code: { name: isoCode } }\n' : '';
  return demo
    .replace(/baseUrl: .*/, `baseUrl: ${options.baseUrl}`)
    .replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(options.schemaDir)}`)
    .replace(/costInExtensions: true/, `costInExtensions: ${String(options.costInExtensions)}`)
    .replace(/^ {2}port: 4000$/m, `  port: ${options.port ?? 4000}`)
    .replace(/( {2}countries:\n {4}filters: \[name, code, ids\]\n {4}idListFilter: ids\n)/, `$1${rename}`);
}

export async function writeReloadConfig(file: string, options: ReloadConfigOptions): Promise<void> {
  await writeFile(file, await printReloadConfig(options));
}

/** A copy of the committed schema/. */
export async function copySchema(dir: string): Promise<void> {
  await cp(SCHEMA_DIR, dir, { recursive: true });
}

/** `bjet-graphql introspect` of the built CLI with this config into `out`. */
export async function introspectInto(configFile: string, out: string): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), 'introspect', '--config', configFile, '--out', out], {
    cwd: REPO_ROOT,
  });
}

/** Resolves once the process's output matches `pattern` at least `count` times. */
export async function untilLogged(serve: ServeProcess, pattern: RegExp, count = 1): Promise<void> {
  const global = new RegExp(pattern.source, 'g');
  while ((serve.output().match(global)?.length ?? 0) < count) {
    if (serve.child.exitCode !== null) throw new Error(`serve exited (${serve.child.exitCode}):\n${serve.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
