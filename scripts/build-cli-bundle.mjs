// Bundles tsc's output of the CLI (dist/cli/main.js) and its dependencies into one CommonJS file,
// dist/bundle/bjet-graphql.cjs, which bin/ loads with a V8 code cache (src/cli/load-cli-bundle.ts).
// Runs after tsc (it imports the file names from dist/) and before write-code-cache.mjs.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { printBuildIdLine } from '../dist/cli/load-cli-bundle.js';
import { CLI_BUNDLE_FILES } from '../dist/cli/start-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const logs = [];

const bundle = await rolldown({
  input: path.join(root, 'dist/cli/main.js'),
  platform: 'node',
  // graphql ships CommonJS ("main") and ESM ("module"); Node, and every dependency that requires
  // it, loads the CommonJS one, and two copies would be two realms ("another module or realm").
  // Apollo's createHash falls back to a JavaScript SHA-256 inside a bundle (see the shim).
  resolve: { mainFields: ['main'], alias: { '@apollo/utils.createhash': path.join(root, 'scripts/bundle-shims/apollo-createhash.mjs') } },
  // The OpenTelemetry SDK loads only when tracing is on (src/telemetry/resolve-tracing.ts): kept out of
  // the bundle, it costs a start with tracing off nothing, and its exporter picks its Node transport
  // as Node resolves it (bundled, its export never reached the collector).
  external: [/^@opentelemetry\//],
  // A warning (an unresolvable require, an eval) would surface as a failure at run time: stop here.
  // rolldown colours its messages for a terminal; the error below is read in logs too.
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes rolldown writes
  onLog: (level, log) => logs.push(`${level}: ${log.message.replace(/\x1b\[[0-9;]*m/g, '')}`),
});
const { output } = await bundle.generate({
  format: 'cjs',
  // The commands' lazy imports stay lazy inside the one file (each module initializes on first use).
  codeSplitting: false,
  // ASCII lets the loader read the file as latin1, skipping UTF-8 decoding of megabytes.
  charset: 'ascii',
  comments: false,
  // Smaller source reads and compiles faster. Names stay (frameworks read `fn.name`), and nothing is
  // rewritten (no compress: a dropped unused parameter changes `fn.length`, which fastify reads).
  keepNames: true,
  minify: { compress: false, mangle: { keepNames: true }, codegen: { removeWhitespace: true } },
});
await bundle.close();
if (logs.length > 0) throw new Error(`rolldown reported:\n${logs.join('\n')}`);
if (output.length !== 1) throw new Error(`expected one bundle, got ${output.map((chunk) => chunk.fileName).join(', ')}`);

const code = output[0].code;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
if (!/^[\x00-\x7f]*$/.test(code)) throw new Error('the bundle has non-ASCII characters (the loader reads it as latin1)');
const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
// A cache made for the previous bundle must not outlive it (the loader would call it stale anyway).
await rm(CLI_BUNDLE_FILES.cache, { force: true });
await mkdir(path.dirname(CLI_BUNDLE_FILES.bundle), { recursive: true });
// Written aside and renamed: a CLI starting meanwhile reads the old bundle or the new one, whole.
const partial = `${CLI_BUNDLE_FILES.bundle}.${process.pid}.tmp`;
await writeFile(partial, code + printBuildIdLine(buildId), 'latin1');
await rename(partial, CLI_BUNDLE_FILES.bundle);
console.log(`${path.relative(root, CLI_BUNDLE_FILES.bundle)}: ${(code.length / 1e6).toFixed(1)} MB, build ${buildId}`);
