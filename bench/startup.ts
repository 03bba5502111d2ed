/**
 * `npm run bench:startup [-- --runs N]`: how long the built CLI takes from spawn to its printed URL,
 * for `serve` and `demo`, from the bundle and from tsc's output (see lib/measure-startup.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatStartupTable, measureStartup } from './lib/measure-startup.js';

const DEFAULT_RUNS = 7;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a positive integer, got "${values.runs ?? ''}"`);
  // Compiled to bench/.work/dist/bench/startup.js: the checkout is four levels up.
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const result = await measureStartup(repoRoot, runs);
  process.stdout.write(`${formatStartupTable(result)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
