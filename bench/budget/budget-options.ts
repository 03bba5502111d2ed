/** `npm run bench:budget -- [options]`: parsed once, validated, frozen. */
import { parseArgs } from 'node:util';

export const BUDGET_CONTENDERS = ['bjet-graphql', 'bjet-graphql-no-cache', 'mesh', 'apollo-defaults'] as const;
export type BudgetContenderName = (typeof BUDGET_CONTENDERS)[number];

export interface BudgetOptions {
  readonly quick: boolean;
  readonly users: number;
  /** Seconds of load per contender. */
  readonly durationS: number;
  /** Seconds between two changes made inside Odoo. */
  readonly editIntervalS: number;
  readonly contenders: readonly BudgetContenderName[];
  /** bjet-graphql serve processes behind the users (shared state needs `--redis`). */
  readonly replicas: number;
  /** Redis URL the replicas share (passed to serve only once its config accepts it). */
  readonly redisUrl: string | null;
  /** Adds the "push on" variant: the simulator's outbound side sends changes to bjet-graphql's webhook. */
  readonly push: boolean;
  /** With --push: `webhooks.trustPayload: true`, so a complete pushed record replaces the entry (no re-read). */
  readonly trustPayload: boolean;
  readonly seed: number;
  readonly noWrite: boolean;
  readonly help: boolean;
}

export const BUDGET_USAGE = `Usage: npm run bench:budget -- [options]

  --quick            correctness only (CI): 5 users, a few seconds per contender, every contender answers
  --users N          simulated dashboard users (default 50)
  --duration S       seconds of load per contender (default 120; quick: 4)
  --edit-interval S  seconds between two changes made inside Odoo (default 5; quick: 1)
  --contenders a,b   subset of ${BUDGET_CONTENDERS.join(', ')}
  --replicas N       N bjet-graphql serve processes, users spread over them (default 1)
  --redis URL        the Redis the replicas share (applied when serve's config accepts it)
  --push             also run bjet-graphql with the simulator pushing changes to its webhook
  --trust-payload    with --push: webhooks.trustPayload, a complete pushed record replaces the entry
  --seed N           seed of the users' choices and the dataset (default 42)
  --no-write         report under bench/.work/ instead of bench/BUDGET.md
  --help             this text
`;

const positive = (name: string, raw: string | undefined, fallback: number, integer = true): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value)))
    throw new RangeError(`--${name}: expected a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  return value;
};

function parseContenders(raw: string | undefined): readonly BudgetContenderName[] {
  if (raw === undefined) return BUDGET_CONTENDERS;
  return raw.split(',').map((name) => {
    const found = BUDGET_CONTENDERS.find((candidate) => candidate === name.trim());
    if (found === undefined) throw new RangeError(`--contenders: unknown "${name}" (one of ${BUDGET_CONTENDERS.join(', ')})`);
    return found;
  });
}

export function parseBudgetOptions(args: readonly string[]): BudgetOptions {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      users: { type: 'string' },
      duration: { type: 'string' },
      'edit-interval': { type: 'string' },
      contenders: { type: 'string' },
      replicas: { type: 'string' },
      redis: { type: 'string' },
      push: { type: 'boolean', default: false },
      'trust-payload': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  return Object.freeze({
    quick,
    users: positive('users', values.users, quick ? 5 : 50),
    durationS: positive('duration', values.duration, quick ? 4 : 120, false),
    editIntervalS: positive('edit-interval', values['edit-interval'], quick ? 1 : 5, false),
    contenders: parseContenders(values.contenders),
    replicas: positive('replicas', values.replicas, 1),
    redisUrl: values.redis ?? null,
    push: values.push,
    trustPayload: values['trust-payload'],
    seed: Number.isInteger(Number(values.seed ?? '42')) ? Number(values.seed ?? '42') : 42,
    noWrite: values['no-write'],
    help: values.help,
  });
}
