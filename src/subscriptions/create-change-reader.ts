/**
 * The record a change event is about, as a subscriber may see it: read once per event and
 * credential partition however many subscribers wait for it (a thousand subscribers to one record
 * cost one GET per change, through the client and so through its cache and rate limits), or taken
 * from the event when it carries a trusted record and the endpoint does not forward each user's
 * credentials. With `forward` auth every subscriber reads with their own Authorization, so nobody
 * is shown a record another user's credentials fetched.
 *
 * Such a read is an eager refresh: nobody asked a query for it, so it runs at background priority
 * (the rate limiter lets it through only while tokens are plenty, never taking one a query may need
 * soon) and within the eager-refresh budget. A change it cannot read (over the budget, no spare
 * token, the upstream failing) is not delivered, like one whose record is gone; the cache has
 * dropped the record, so the next query reads it (docs/decisions/0013-subscription-topics-and-eager-budget.md).
 */
import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '../changes/types.js';
import type { Config } from '../config/types.js';
import type { UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { createEagerBudget } from './create-eager-budget.js';

export interface ChangeReader {
  /** True when the endpoint's records are read with each user's own credentials. */
  forwards(endpoint: string): boolean;
  /** The record now, or null (deleted, not found, or not readable with these credentials). */
  read(event: ChangeEvent, authorization: string | undefined): Promise<UpstreamRecord | null>;
}

export function createChangeReader(client: UpstreamClient, config: Config, now: () => number = Date.now): ChangeReader {
  const budget = createEagerBudget(config.webhooks, now);
  const forwarding = new Set(
    config.endpoints.filter((endpoint) => (endpoint.auth ?? config.upstream.auth).type === 'forward').map((endpoint) => endpoint.name),
  );
  // Per event, by partition; gone with the event once every subscriber has it.
  const reads = new WeakMap<ChangeEvent, Map<string, Promise<UpstreamRecord | null>>>();
  const fetchRecord = async (event: ChangeEvent, authorization: string | undefined): Promise<UpstreamRecord | null> => {
    if (!budget.take(event.endpoint)) return null;
    try {
      return await client.get(event.endpoint, event.id, {
        requestId: `change-${randomUUID()}`,
        deadline: now() + config.server.operationDeadlineMs,
        authorization,
        priority: 'background',
        // A fresh entry cost no call (a stale one starts a refresh that does).
        onCacheHit: (kind) => (kind === 'fresh' ? budget.giveBack(event.endpoint) : undefined),
      });
    } catch {
      // Refused (401, 403), no spare rate-limit token, or failing: this subscriber is not shown the change.
      return null;
    }
  };
  return {
    forwards: (endpoint) => forwarding.has(endpoint),
    read(event, authorization) {
      if (event.kind === 'deleted') return Promise.resolve(null);
      const forward = forwarding.has(event.endpoint);
      if (!forward && event.record !== null) return Promise.resolve(event.record);
      const partition = forward ? `user:${authorization ?? ''}` : 'service';
      let byPartition = reads.get(event);
      if (byPartition === undefined) {
        byPartition = new Map();
        reads.set(event, byPartition);
      }
      let pending = byPartition.get(partition);
      if (pending === undefined) {
        pending = fetchRecord(event, forward ? authorization : undefined);
        byPartition.set(partition, pending);
      }
      return pending;
    },
  };
}
