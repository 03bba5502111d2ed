/**
 * Loud but bounded logs of failed Redis commands (timeouts of a slow Redis, refusals while it is
 * away): the first failure at once, then one line per interval with how many were left out. Every
 * failure is counted in the link's stats (the metrics), logged or not.
 */
import type { Logger } from 'pino';
import { errorLabel, type RedisLink } from './create-redis-link.js';
import type { RedisComponent } from './create-redis-stats.js';

export type RedisFailureReporter = (operation: string, error: unknown) => void;

const EVERY_MS = 5000;

export function createRedisFailureReporter(
  link: Pick<RedisLink, 'stats'>,
  logger: Logger | undefined,
  component: RedisComponent,
  now: () => number = Date.now,
): RedisFailureReporter {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (operation, error) => {
    link.stats.failed(component, error);
    const at = now();
    if (at - lastAt < EVERY_MS) {
      suppressed += 1;
      return;
    }
    logger?.warn({ component, redis: operation, error: errorLabel(error), suppressed }, `redis ${operation} failed: going on with local state`);
    lastAt = at;
    suppressed = 0;
  };
}
