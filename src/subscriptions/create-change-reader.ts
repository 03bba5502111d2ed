/**
 * The record a change event is about, as a subscriber may see it: read once per event and
 * credential partition however many subscribers wait for it (a thousand subscribers to one record
 * cost one GET per change, through the client and so through its cache and rate limits), or taken
 * from the event when it carries a trusted record and the endpoint does not forward each user's
 * credentials. With `forward` auth every subscriber reads with their own Authorization, so nobody
 * is shown a record another user's credentials fetched.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '../changes/types.js';
import type { Config } from '../config/types.js';
import type { UpstreamClient, UpstreamRecord } from '../upstream/types.js';

export interface ChangeReader {
  /** True when the endpoint's records are read with each user's own credentials. */
  forwards(endpoint: string): boolean;
  /** The record now, or null (deleted, not found, or not readable with these credentials). */
  read(event: ChangeEvent, authorization: string | undefined): Promise<UpstreamRecord | null>;
}

export function createChangeReader(client: UpstreamClient, config: Config): ChangeReader {
  const forwarding = new Set(
    config.endpoints.filter((endpoint) => (endpoint.auth ?? config.upstream.auth).type === 'forward').map((endpoint) => endpoint.name),
  );
  // Per event, by partition; gone with the event once every subscriber has it.
  const reads = new WeakMap<ChangeEvent, Map<string, Promise<UpstreamRecord | null>>>();
  const fetchRecord = async (event: ChangeEvent, authorization: string | undefined): Promise<UpstreamRecord | null> => {
    try {
      return await client.get(event.endpoint, event.id, {
        requestId: `change-${randomUUID()}`,
        deadline: Date.now() + config.server.operationDeadlineMs,
        authorization,
      });
    } catch {
      // Refused (401, 403) or failing: this subscriber is not shown the change.
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
