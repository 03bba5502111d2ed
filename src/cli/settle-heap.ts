/**
 * Settles V8's heap once a server has started: one full collection, with V8's heap growing factor
 * held at its minimum for that collection only.
 *
 * Why: after each mark-compact, V8 sets the old generation size that triggers the next one to the
 * live size times a factor (1.1 to 4) it picks from how fast the program allocated lately. Start-up
 * allocates fast (compiling, building the schema and Apollo), so its last mark-compact leaves the
 * trigger near 4× the ~25 MB live heap, and the first load fills all of that with garbage before V8
 * collects. That was the peak RSS under load: 198 MB over 40 s of Q1 in one process, against
 * 154 MB once settled, with the same CPU per request. After this collection the trigger sits just
 * above the live heap; the next mark-compact, under real traffic, picks its factor from that
 * traffic again, because the flag is back at V8's default (0, dynamic).
 *
 * Node has no API for either, so this sets V8 flags at run time (`--expose-gc`, to reach `gc`
 * through a fresh context, and `--heap-growing-percent`) and puts both back at once, which also
 * keeps V8's flag hash, checked by the CLI's code cache, the default one. A user's own `--expose-gc`
 * or `--heap-growing-percent` (command line or NODE_OPTIONS) is left as it is.
 *
 * BJET_GRAPHQL_NO_HEAP_SETTLE=1 skips it (V8's own choice, to compare); BJET_GRAPHQL_STARTUP_REPORT=1
 * prints what it did to stderr.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface HeapSettled {
  readonly ms: number;
  readonly heapUsedBeforeMb: number;
  readonly heapUsedAfterMb: number;
}

/** `--heap-growing-percent=N`, the factor 1 + N/100 (V8's minimum is 1.1); 0 is V8's dynamic default. */
const HELD_GROWING_PERCENT = 10;
const FACTOR_FLAG = /--heap[-_]growing[-_]percent\b/;

/** Whether the user gave node a growing factor of their own (then it is theirs to keep). */
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
  const holdFactor = !userSetGrowingFactor(execArgv, nodeOptions);
  const gc = isGc(ownGc) ? ownGc : exposedGc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  if (holdFactor) v8.setFlagsFromString(`--heap-growing-percent=${HELD_GROWING_PERCENT}`);
  try {
    gc();
  } finally {
    if (holdFactor) v8.setFlagsFromString('--heap-growing-percent=0');
  }
  const ms = performance.now() - started;
  return { ms: Math.round(ms * 10) / 10, heapUsedBeforeMb: megabytes(before), heapUsedAfterMb: megabytes(process.memoryUsage().heapUsed) };
}

type Env = Readonly<Record<string, string | undefined>>;

/** What `serve` and `demo` call once they listen. */
export function settleHeapAfterStart(env: Env = process.env): HeapSettled | null {
  if (env['BJET_GRAPHQL_NO_HEAP_SETTLE'] === '1') return null;
  const settled = settleHeap();
  if (env['BJET_GRAPHQL_STARTUP_REPORT'] === '1') {
    process.stderr.write(
      `bjet-graphql startup: heap settled in ${settled.ms} ms (${settled.heapUsedBeforeMb} MB used before, ${settled.heapUsedAfterMb} MB after)\n`,
    );
  }
  return settled;
}
