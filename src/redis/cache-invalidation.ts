/**
 * Tells the other replicas' local tiers what this one deleted (Redis pub/sub on one channel). A
 * replica ignores its own messages: it applied them before publishing. Lost messages (Redis away)
 * are covered by the recovery in create-redis-cache-store.ts and, at worst, by the entries' TTL.
 */
import { randomUUID } from 'node:crypto';
import type { RedisLink } from './create-redis-link.js';
import { readEnvelope } from './read-envelope.js';
import type { RedisFailureReporter } from './redis-failure-reporter.js';

export type LocalDelete =
  | { readonly kind: 'record'; readonly endpoint: string; readonly id: string; readonly partition: string | undefined; readonly at: number }
  | { readonly kind: 'lists'; readonly endpoint: string; readonly at: number };

export interface CacheInvalidation {
  publish(change: LocalDelete): void;
  close(): Promise<void>;
}

export function createCacheInvalidation(
  link: RedisLink,
  channel: string,
  apply: (change: LocalDelete) => void,
  report: RedisFailureReporter,
): CacheInvalidation {
  const origin = randomUUID();
  const subscriber = link.createSubscriber();
  subscriber.subscribe(channel).catch((error: unknown) => report('subscribe', error));
  subscriber.on('message', (_channel: string, message: string) => {
    const change = parseMessage(message, origin);
    if (change !== null) apply(change);
  });
  return {
    publish(change) {
      if (!link.isReady()) return;
      link.client.publish(channel, JSON.stringify({ origin, change })).catch((error: unknown) => report('publish', error));
    },
    async close() {
      subscriber.disconnect();
    },
  };
}

function parseMessage(message: string, self: string): LocalDelete | null {
  const change = readEnvelope(message, self, 'change');
  if (change === null || typeof change !== 'object') return null;
  const fields = change as Record<string, unknown>;
  const { kind, endpoint, id, partition, at } = fields;
  if (typeof endpoint !== 'string' || typeof at !== 'number') return null;
  if (kind === 'lists') return { kind, endpoint, at };
  if (kind !== 'record' || typeof id !== 'string') return null;
  return { kind, endpoint, id, partition: typeof partition === 'string' ? partition : undefined, at };
}
