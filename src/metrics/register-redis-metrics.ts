/**
 * Redis in the metrics, registered only when the server has `redis:` configured (a server without
 * it exports none of these): whether state is shared now, failed commands, fallbacks to local state.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedisLink } from '../redis/create-redis-link.js';

export type WatchedRedis = Pick<RedisLink, 'isReady' | 'stats'>;

export function registerRedisMetrics(registry: Registry, link: WatchedRedis): void {
  const registers = [registry];
  new Gauge({
    name: 'bjet_redis_shared_state',
    help: 'Redis in use: 1 while commands go to Redis (state shared by the replicas), 0 while on local state (down, or skipped after a failed command)',
    registers,
    collect() {
      this.set(link.isReady() ? 1 : 0);
    },
  });
  new Counter({
    name: 'bjet_redis_command_failures_total',
    help: 'Redis commands that failed, by component (cache, rate-limit, changes) and kind (timeout, unavailable, error)',
    labelNames: ['component', 'kind'],
    registers,
    collect() {
      this.reset();
      for (const failure of link.stats.snapshot().failures) this.inc({ component: failure.component, kind: failure.kind }, failure.count);
    },
  });
  new Counter({
    name: 'bjet_redis_fallbacks_total',
    help: 'Times this replica went over to local state: the connection went or never came (disconnected), or a command failed while connected (command-failed)',
    labelNames: ['cause'],
    registers,
    collect() {
      this.reset();
      for (const fallback of link.stats.snapshot().fallbacks) this.inc({ cause: fallback.cause }, fallback.count);
    },
  });
}
