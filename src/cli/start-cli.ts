/**
 * The bin's body: runs the CLI from the build's bundle with its code cache (see load-cli-bundle.ts),
 * or from tsc's output of main.ts (one module per file, with source maps) when there is no bundle,
 * when tsc wrote dist/ after the bundle was made (`npx tsc -p tsconfig.build.json` alone), or when
 * BJET_GRAPHQL_NO_BUNDLE=1 asks for it (debugging).
 *
 * BJET_GRAPHQL_STARTUP_REPORT=1 prints which of them ran to stderr (the e2e tests check that the
 * built CLI starts from the bundle with an accepted cache). BJET_GRAPHQL_WRITE_CODE_CACHE=1 is for
 * the build: it writes the cache when the process exits.
 */
import { fileURLToPath } from 'node:url';
import { findCliBundle, loadCliBundle, writeCodeCacheOnExit, type CliBundleFiles, type LoadedCli } from './load-cli-bundle.js';

/** dist/cli/ (this file and main.js, compiled) and dist/bundle/ are siblings. */
export const CLI_BUNDLE_FILES: CliBundleFiles = {
  bundle: fileURLToPath(new URL('../bundle/bjet-graphql.cjs', import.meta.url)),
  cache: fileURLToPath(new URL('../bundle/bjet-graphql.cjs.cache', import.meta.url)),
  tscEntry: fileURLToPath(new URL('./main.js', import.meta.url)),
};

type Env = Readonly<Record<string, string | undefined>>;

/** The bundle when there is a current one and it is wanted, else why the CLI runs from tsc's output. */
function chooseBundle(env: Env, files: CliBundleFiles): LoadedCli | string {
  if (env['BJET_GRAPHQL_NO_BUNDLE'] === '1') return 'BJET_GRAPHQL_NO_BUNDLE=1';
  const state = findCliBundle(files);
  if (state === 'missing') return 'no bundle: run `npm run build`';
  if (state === 'older') return 'the bundle is older than dist/: run `npm run build`';
  return loadCliBundle(files);
}

export async function startCli(argv: readonly string[], env: Env = process.env, files: CliBundleFiles = CLI_BUNDLE_FILES): Promise<number> {
  const started = performance.now();
  const cli = chooseBundle(env, files);
  if (typeof cli !== 'string' && env['BJET_GRAPHQL_WRITE_CODE_CACHE'] === '1') writeCodeCacheOnExit(cli, files.cache);
  const main = typeof cli === 'string' ? (await import('./main.js')).main : cli.main;
  if (env['BJET_GRAPHQL_STARTUP_REPORT'] === '1') {
    const how = typeof cli === 'string' ? `tsc output (${cli})` : `bundle, code cache ${cli.codeCache}`;
    process.stderr.write(`bjet-graphql startup: ${how}, loaded in ${(performance.now() - started).toFixed(0)} ms\n`);
  }
  return main(argv);
}
