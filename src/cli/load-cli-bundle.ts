/**
 * Loads the CLI from its build-time bundle (one CommonJS file of our code and its dependencies, made
 * by scripts/build-cli-bundle.mjs) compiled with a V8 code cache made by the build
 * (scripts/write-code-cache.mjs): resolving, reading and compiling the modules one by one was most
 * of `serve`'s start (docs/decisions/0005).
 *
 * The cache is only a speed-up: a missing, stale or rejected one (made by another Node, or with other
 * V8 flags) means a plain compile, with the same behaviour.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CliBundleFiles {
  /** The bundle, e.g. dist/bundle/bjet-graphql.cjs; it exports `main`. */
  readonly bundle: string;
  /** Its code cache (a header naming the bundle's build id, then V8's data). */
  readonly cache: string;
  /** tsc's output of src/cli/main.ts, which the bundle was made from. */
  readonly tscEntry: string;
}

/**
 * `older` when tsc wrote its output after the bundle was made (`npx tsc -p tsconfig.build.json`
 * alone): the bundle holds older code, and running it would hide the change just built.
 */
type CliBundleState = 'current' | 'older' | 'missing';

type CodeCacheState = 'accepted' | 'rejected' | 'stale' | 'missing';

export interface LoadedCli {
  readonly main: (argv: readonly string[]) => Promise<number>;
  readonly codeCache: CodeCacheState;
  /** V8's cache of every function compiled so far, with its header (the build writes it after a warm run). */
  createCodeCache(): Buffer;
}

/** The bundle's last line; the build computes the id from the bundle's content. */
const BUILD_ID_LINE = /\n\/\/# bjetBuildId=([0-9a-f]+)\n?$/;
const CACHE_MAGIC = 'bjet-graphql-code-cache-v1';

export function printBuildIdLine(buildId: string): string {
  return `\n//# bjetBuildId=${buildId}\n`;
}

function printCacheHeader(buildId: string): string {
  return `${CACHE_MAGIC} ${buildId} ${process.version}\n`;
}

/** The cache's V8 data when its header names this bundle's build, else why not. */
function readCachedData(file: string, buildId: string | undefined): Buffer | 'stale' | 'missing' {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return 'missing';
  }
  if (buildId === undefined) return 'stale';
  const header = Buffer.from(printCacheHeader(buildId), 'latin1');
  return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : 'stale';
}

function isMain(value: unknown): value is LoadedCli['main'] {
  return typeof value === 'function';
}

export function findCliBundle(files: CliBundleFiles): CliBundleState {
  const bundle = statSync(files.bundle, { throwIfNoEntry: false });
  if (bundle === undefined) return 'missing';
  const tscEntry = statSync(files.tscEntry, { throwIfNoEntry: false });
  return tscEntry !== undefined && tscEntry.mtimeMs > bundle.mtimeMs ? 'older' : 'current';
}

export function loadCliBundle(files: CliBundleFiles): LoadedCli {
  // The build emits ASCII only, so latin1 is exact and skips UTF-8 decoding of megabytes.
  const source = readFileSync(files.bundle, 'latin1');
  const buildId = BUILD_ID_LINE.exec(source.slice(-100))?.[1];
  const cached = readCachedData(files.cache, buildId);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: files.bundle,
    ...(Buffer.isBuffer(cached) ? { cachedData: cached } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const codeCache: CodeCacheState = Buffer.isBuffer(cached) ? (script.cachedDataRejected === true ? 'rejected' : 'accepted') : cached;
  const module = { exports: {} as Record<string, unknown> };
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error(`${files.bundle} did not compile to a function`);
  wrapper(module.exports, createRequire(files.bundle), module, files.bundle, path.dirname(files.bundle));
  const main = module.exports['main'];
  if (!isMain(main)) throw new Error(`${files.bundle} does not export main`);
  return {
    main,
    codeCache,
    createCodeCache: () => Buffer.concat([Buffer.from(printCacheHeader(buildId ?? 'none'), 'latin1'), script.createCachedData()]),
  };
}

/**
 * For the build: writes the cache when the process exits, so that it holds what the run compiled.
 * Written aside and renamed, so that a CLI starting meanwhile never reads half a file.
 */
export function writeCodeCacheOnExit(cli: LoadedCli, file: string): void {
  process.once('exit', () => {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, cli.createCodeCache());
    renameSync(partial, file);
  });
}
