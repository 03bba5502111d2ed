/**
 * A complete record Odoo pushed, trusted (`trustPayload`): it replaces the versions the service
 * partitions hold in this process (set-if-newer, versioned at the push; any other partition drops
 * the record) and the endpoint's list pages show it in place as for our own writes, except pages
 * that filter on a key it changed (compared with the versions held), which are read again. Nothing
 * is done, and the caller drops as for a hint, when what changed cannot be told (no version held,
 * or an absent one) or the change may move the record across every page (`active`).
 */
import type { UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CachePartitions } from './cache-partitions.js';
import type { DropLog } from './drop-log.js';
import { ACTIVE_KEY, changedKeys, type ListPatches } from './list-patches.js';
import type { CacheKey, CacheStore } from './types.js';

export interface PushedRecordDeps {
  readonly partitions: CachePartitions;
  readonly store: CacheStore;
  readonly drops: DropLog;
  readonly patches: ListPatches;
  replace(key: Extract<CacheKey, { kind: 'record' }>, record: UpstreamRecord, fetchedAt: number): Promise<void>;
}

export async function keepPushedRecord(
  deps: PushedRecordDeps,
  settings: EndpointCacheSettings,
  id: string,
  record: UpstreamRecord,
  at: number,
): Promise<boolean> {
  const held = deps.partitions.heldVersions(settings.endpoint, id);
  const seen = deps.partitions.serviceSeen();
  if (held === null || held.size === 0 || seen === null) return false;
  const changed = changedKeys(held.values(), record);
  if (changed.has(ACTIVE_KEY)) return false;
  // A read of it that started before the push must not store its older answer.
  deps.drops.drop(settings.endpoint, [id], false);
  const sets = [...seen].map((partition) =>
    held.has(partition)
      ? deps.replace({ kind: 'record', endpoint: settings.endpoint, partition, id }, record, at)
      : deps.store.deleteRecord(settings.endpoint, id, partition),
  );
  deps.patches.add(settings, id, record, at, new Set([...changed].filter((key) => settings.filters.has(key))));
  await Promise.all(sets);
  return true;
}
