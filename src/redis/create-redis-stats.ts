/**
 * Counts of a replica's life with Redis, for the metrics: failed commands by component and kind,
 * and the times it went over to local state. Only these fixed words are kept, never a key, a
 * URL or an error's text.
 */

export const REDIS_COMPONENTS = ['cache', 'rate-limit', 'changes'] as const;
export const REDIS_FAILURE_KINDS = ['timeout', 'unavailable', 'error'] as const;
export const REDIS_FALLBACK_CAUSES = ['disconnected', 'command-failed'] as const;

/** Who sent the command (each has its own fallback). */
export type RedisComponent = (typeof REDIS_COMPONENTS)[number];

/**
 * `timeout`: no answer within the command timeout; `unavailable`: not sent or cut off, Redis
 * being away; `error`: Redis answered with an error.
 */
export type RedisFailureKind = (typeof REDIS_FAILURE_KINDS)[number];

/** Why the replica went over to local state: the connection went (or never came), or a command failed while connected. */
export type RedisFallbackCause = (typeof REDIS_FALLBACK_CAUSES)[number];

/** Every component, kind and cause, zeros included (a counter that starts at 0 shows its first increase). */
export interface RedisStatsSnapshot {
  readonly failures: readonly { readonly component: RedisComponent; readonly kind: RedisFailureKind; readonly count: number }[];
  readonly fallbacks: readonly { readonly cause: RedisFallbackCause; readonly count: number }[];
}

export interface RedisStats {
  failed(component: RedisComponent, error: unknown): void;
  fellBack(cause: RedisFallbackCause): void;
  snapshot(): RedisStatsSnapshot;
}

/** Messages of ioredis (and of our own guards) that say Redis was not there to answer. */
const UNAVAILABLE = /not connected|isn't writeable|Connection is closed|max retries per request|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/i;

export function failureKindOf(error: unknown): RedisFailureKind {
  if (!(error instanceof Error)) return 'error';
  const code = (error as Error & { code?: unknown }).code;
  const message = `${typeof code === 'string' ? code : ''} ${error.message}`;
  if (/timed out|no answer within/i.test(message)) return 'timeout';
  return UNAVAILABLE.test(message) ? 'unavailable' : 'error';
}

export function createRedisStats(): RedisStats {
  const failures = REDIS_COMPONENTS.flatMap((component) => REDIS_FAILURE_KINDS.map((kind) => ({ component, kind, count: 0 })));
  const fallbacks = REDIS_FALLBACK_CAUSES.map((cause) => ({ cause, count: 0 }));
  return {
    failed(component, error) {
      const kind = failureKindOf(error);
      const counted = failures.find((failure) => failure.component === component && failure.kind === kind);
      if (counted !== undefined) counted.count += 1;
    },
    fellBack(cause) {
      const counted = fallbacks.find((fallback) => fallback.cause === cause);
      if (counted !== undefined) counted.count += 1;
    },
    snapshot: () => ({ failures: failures.map((failure) => ({ ...failure })), fallbacks: fallbacks.map((fallback) => ({ ...fallback })) }),
  };
}
