/**
 * The bjet-graphql config of one budget contender: the bench's config (demo config, committed
 * schema/, the simulator's id-list keys) plus the budget's keys. Each key is written only when this
 * build's config parser accepts it, so the same harness runs before and after the cache, the two
 * limits, Redis and webhooks exist; the report lists what was applied and what was left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config/parse-config.js';
import { writeBenchConfig } from '../lib/write-bench-config.js';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Json) } : {});

export const PROXY_PER_MINUTE = 100;
export const PROXY_PER_HOUR = 1000;

export interface BudgetConfigOptions {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly simBaseUrl: string;
  readonly name: string;
  readonly cache: 'default' | 'off';
  readonly redisUrl: string | null;
  /** The webhook config of the push variant, or null. */
  readonly webhooks: Json | null;
}

export interface BudgetConfig {
  readonly file: string;
  readonly applied: readonly string[];
  readonly leftOut: readonly string[];
  /** TTL + stale-while-revalidate of the parsed config's cache, in seconds; null without a cache. */
  readonly boundSeconds: number | null;
}

interface Patch {
  readonly label: string;
  apply(config: Json): Json;
}

function tryParse(config: Json, baseDir: string): ReturnType<typeof parseConfig> | null {
  try {
    return parseConfig(config, { source: null, env: {}, baseDir });
  } catch {
    return null;
  }
}

const upstreamPatch = (label: string, extra: Json): Patch => ({ label, apply: (c) => ({ ...c, upstream: { ...asObject(c.upstream), ...extra } }) });

function patchesFor(options: BudgetConfigOptions): Patch[][] {
  const limits = [
    upstreamPatch(`upstream.rateLimit: { perMinute: ${PROXY_PER_MINUTE}, perHourPerCredential: ${PROXY_PER_HOUR} }`, {
      rateLimit: { perMinute: PROXY_PER_MINUTE, perHourPerCredential: PROXY_PER_HOUR },
    }),
    upstreamPatch(`upstream.rateLimitPerMinute: ${PROXY_PER_MINUTE} (no per-credential limit in this build)`, { rateLimitPerMinute: PROXY_PER_MINUTE }),
  ];
  const groups: Patch[][] = [limits];
  if (options.cache === 'off') {
    groups.push([
      {
        label: 'endpoints.<each>.cache: false',
        apply: (c) => ({
          ...c,
          endpoints: Object.fromEntries(Object.entries(asObject(c.endpoints)).map(([name, e]) => [name, { ...asObject(e), cache: false }])),
        }),
      },
    ]);
  }
  // Extension point (replicas): the key the shared-state (Redis) work gives serve.
  // Replicas share the cache (store: redis) and must name credentials with one secret (docs/deployment.md).
  if (options.redisUrl !== null) {
    const redisUrl = options.redisUrl;
    groups.push([
      {
        label: 'redis: { url: <--redis>, keyPrefix: <contender>:<run> }, upstream.cache.store: redis, upstream.credentialKeySecret',
        apply: (c) => {
          const upstream = asObject(c.upstream);
          const cache = upstream['cache'] === false ? false : { ...asObject(upstream['cache'] ?? {}), store: 'redis' };
          // A prefix per contender and run: one's cache and spent buckets are not the next one's.
          return {
            ...c,
            redis: { url: redisUrl, keyPrefix: `${options.name}:${process.pid}:` },
            upstream: { ...upstream, cache, credentialKeySecret: 'bench-replicas' },
          };
        },
      },
    ]);
  }
  // Extension point (push on): the webhook section the change-feed work gives serve.
  if (options.webhooks !== null) {
    const label = options.webhooks['trustPayload'] === true ? 'webhooks: {..., trustPayload: true}' : 'webhooks: {...}';
    groups.push([{ label, apply: (c) => ({ ...c, webhooks: options.webhooks }) }]);
  }
  return groups;
}

/** Writes the config and returns what it holds. Within a group, the first patch this build accepts wins. */
export function writeBudgetConfig(options: BudgetConfigOptions): BudgetConfig {
  const benchFile = writeBenchConfig({
    repoRoot: options.repoRoot,
    workDir: options.workDir,
    simBaseUrl: options.simBaseUrl,
    variant: 'idlist',
    concurrency: 8,
    budget: 50,
  });
  const baseDir = path.dirname(benchFile);
  let config = asObject(JSON.parse(readFileSync(benchFile, 'utf8')));
  if (tryParse(config, baseDir) === null) throw new Error(`bench:budget: the bench config ${benchFile} does not parse`);
  const applied: string[] = [];
  const leftOut: string[] = [];
  for (const group of patchesFor(options)) {
    const accepted = group.find((patch) => tryParse(patch.apply(config), baseDir) !== null);
    if (accepted !== undefined) {
      config = accepted.apply(config);
      applied.push(accepted.label);
    }
    // What was tried before the accepted patch (or all of the group) is what this build refused.
    leftOut.push(...group.slice(0, accepted === undefined ? group.length : group.indexOf(accepted)).map((patch) => patch.label));
  }
  const file = path.join(options.workDir, `bjet-graphql.${options.name}.json`);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { file, applied, leftOut, boundSeconds: cacheBound(tryParse(config, baseDir)) };
}

/** TTL + stale window of the parsed config's global cache, in seconds, wherever and in whichever unit this build keeps it. */
function cacheBound(parsed: unknown): number | null {
  const root = asObject(parsed);
  const seconds = (cache: Json, name: string): number | null => {
    const value = cache[`${name}Seconds`] ?? (typeof cache[`${name}Ms`] === 'number' ? Number(cache[`${name}Ms`]) / 1000 : undefined);
    return typeof value === 'number' ? value : null;
  };
  for (const candidate of [asObject(root.upstream).cache, root.cache]) {
    const cache = asObject(candidate);
    const ttl = seconds(cache, 'ttl');
    if (ttl !== null) return ttl + (seconds(cache, 'staleWhileRevalidate') ?? 0);
  }
  return null;
}
