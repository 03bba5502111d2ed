/**
 * Loud but bounded logs of failed Redis commands (timeouts of a slow Redis, refusals while it is
 * away): the first failure at once, then one line per interval with how many were left out.
 */
import type { Logger } from 'pino';
import { errorLabel } from './create-redis-link.js';

export type RedisFailureReporter = (operation: string, error: unknown) => void;

const EVERY_MS = 5000;

export function createRedisFailureReporter(logger: Logger | undefined, component: string, now: () => number = Date.now): RedisFailureReporter {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (operation, error) => {
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
