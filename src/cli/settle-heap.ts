/**
 * Gives a server's V8 heap a tighter growth policy once it listens: the heap growing factor fixed at
 * 1.5, then one full collection under it.
 *
 * Why: after each mark-compact, V8 sets the old generation size that triggers the next one to the
 * live size times a factor it picks from how fast the program allocated lately: up to 4 on a
 * machine with memory to spare, and start-up, like a burst of heavier queries, allocates fast, so
 * the old generation fills with garbage up to four times the live heap between collections; a
 * factor of 1.5 holds RSS far lower at the same CPU per request (docs/decisions/0004). The collection right after
 * start-up drops start-up's garbage and sets the first limit from the live heap under the new factor.
 *
 * Node has no API for either, so this sets V8 flags at run time: `--heap-growing-percent=50`, and
 * `--expose-gc` only long enough to reach `gc` through a fresh context. A user's own
 * `--heap-growing-percent` or `--expose-gc` (command line or NODE_OPTIONS) is left as it is.
 * A changed flag changes V8's flag hash, so a code cache made after this would be refused at the
 * next start: the build makes the CLI's cache from a run without it (scripts/write-code-cache.mjs).
 *
 * BJET_GRAPHQL_NO_HEAP_SETTLE=1 leaves V8's policy alone (to compare); BJET_GRAPHQL_STARTUP_REPORT=1
 * prints what it did to stderr.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

interface HeapSettled {
  readonly ms: number;
  readonly heapUsedBeforeMb: number;
  readonly heapUsedAfterMb: number;
  /** The growing factor set, or null when the user's own was kept. */
  readonly growingFactor: number | null;
}

/** `--heap-growing-percent=N` is the factor 1 + N/100; V8's default, 0, is its dynamic one. */
const GROWING_PERCENT = 50;
const FACTOR_FLAG = /--heap[-_]growing[-_]percent\b/;

/** Whether the user gave node a growing factor of their own (then it is theirs). */
export function userSetGrowingFactor(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return FACTOR_FLAG.test([...execArgv, nodeOptions ?? ''].join(' '));
}

type Gc = () => void;

function isGc(value: unknown): value is Gc {
  return typeof value === 'function';
}

function exposedGc(): Gc {
  v8.setFlagsFromString('--expose-gc');
  try {
    const gc: unknown = vm.runInNewContext('gc');
    if (!isGc(gc)) throw new Error('V8 did not expose gc');
    return gc;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 104857.6) / 10;
}

export function settleHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS']): HeapSettled {
  const ownGc: unknown = (globalThis as { gc?: unknown }).gc;
  const growingFactor = userSetGrowingFactor(execArgv, nodeOptions) ? null : 1 + GROWING_PERCENT / 100;
  if (growingFactor !== null) v8.setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
  const gc = isGc(ownGc) ? ownGc : exposedGc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  gc();
  const ms = performance.now() - started;
  return {
    ms: Math.round(ms * 10) / 10,
    heapUsedBeforeMb: megabytes(before),
    heapUsedAfterMb: megabytes(process.memoryUsage().heapUsed),
    growingFactor,
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/** What `serve` and `demo` call once they listen. */
export function settleHeapAfterStart(env: Env = process.env): HeapSettled | null {
  if (env['BJET_GRAPHQL_NO_HEAP_SETTLE'] === '1') return null;
  const settled = settleHeap();
  if (env['BJET_GRAPHQL_STARTUP_REPORT'] === '1') {
    process.stderr.write(
      `bjet-graphql startup: heap settled in ${settled.ms} ms (${settled.heapUsedBeforeMb} MB used before, ${settled.heapUsedAfterMb} MB after), ` +
        `growing factor ${settled.growingFactor ?? 'yours'}\n`,
    );
  }
  return settled;
}
