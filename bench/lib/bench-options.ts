/** The bench's command line, parsed once; unknown options are refused. */
import { parseArgs } from 'node:util';
import { CONTENDER_NAMES, type ContenderName } from './contenders.js';
import type { QueryId } from './bench-queries.js';

export interface BenchOptions {
  /** Correctness of every contender on every operation, once; no timing. */
  readonly quick: boolean;
  readonly rounds: number;
  /** Closed-loop seconds per measurement (after a short warm-up). */
  readonly durationSec: number;
  /** Fixed-rate seconds per measurement (p50/p99 at half the closed-loop maximum). */
  readonly rateDurationSec: number;
  /** Only these contenders (default all). */
  readonly contenders: readonly ContenderName[] | null;
  /** Only these queries (default all of the plan). */
  readonly queries: readonly QueryId[] | null;
  /** Upstream concurrency cap in the bjet-graphql bench config. */
  readonly bjetConcurrency: number;
  readonly simSize: number;
  /** Leave bench/RESULTS.md and results.svg alone (the report goes to bench/.work/). */
  readonly noWrite: boolean;
}

const USAGE = `Usage: npm run bench -- [options]
  --quick              check every contender's answers once (CI), no timing; exit 1 on a wrong answer
  --rounds N           interleaved rounds per measurement (default 3)
  --duration S         closed-loop seconds per measurement (default 2)
  --rate-duration S    fixed-rate seconds per measurement (default 1.5)
  --contenders a,b     among bjet-graphql, bjet-graphql-cached and bjet-graphql-no-cache (the cache on
                       with a TTL no run outlives, or off; timed on Q1 and Q2 at 0 ms, plain only),
                       bjet-graphql-trace-1.0, bjet-graphql-trace-0.1 (tracing on at that sample
                       ratio, timed on Q1 only), apollo-defaults, mesh, direct-rest (default all)
  --queries Q1,Q2      among Q1 Q2 Q3 Q4 Q5 M1 (default all)
  --bjet-concurrency N upstream concurrency of the bjet-graphql config (default 64)
  --size N             simulator dataset scale (default 1)
  --no-write           write the report under bench/.work/ instead of bench/
`;

const list = <T extends string>(value: string | undefined, allowed: readonly T[], name: string): readonly T[] | null => {
  if (value === undefined) return null;
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown ${item}\n${USAGE}`);
  return items as T[];
};

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number\n${USAGE}`);
  return parsed;
};

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      'rate-duration': { type: 'string' },
      contenders: { type: 'string' },
      queries: { type: 'string' },
      'bjet-concurrency': { type: 'string' },
      size: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  return {
    quick: values.quick,
    rounds: Math.round(positive(values.rounds, 3, 'rounds')),
    durationSec: positive(values.duration, 2, 'duration'),
    rateDurationSec: positive(values['rate-duration'], 1.5, 'rate-duration'),
    contenders: list(values.contenders, CONTENDER_NAMES, 'contenders'),
    queries: list(values.queries, ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'M1'], 'queries'),
    bjetConcurrency: Math.round(positive(values['bjet-concurrency'], 64, 'bjet-concurrency')),
    simSize: Math.round(positive(values.size, 1, 'size')),
    noWrite: values['no-write'],
  };
}
