/**
 * A change another replica or the webhook told us of. With the record at hand on a shared
 * (service) endpoint: nothing to do when the cache already holds it as it is (the webhook's echo
 * of our own write); another replica's write that patched its pages is patched here the same
 * way (it already kept the record in the shared store); a record Odoo pushed (trusted) replaces
 * the versions held and patches the list pages, when what changed can be told
 * (`CachedReads.keepPushed`). Anything else (a hint, a delete, a personal endpoint: a pushed
 * record has no user's visibility) is dropped. With a shared store (Redis), another replica's
 * write already dropped and kept there, and its deletes reached this local tier: only this
 * process's own bookkeeping follows.
 */
import type { ChangeEvent } from '../changes/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CachedReads } from './cached-reads.js';

/** Applies a change heard on the bus (not one of ours) to the cache; `sharedStore` as `CacheStore.shared`. */
export async function applyHeardChange(reads: CachedReads, settings: EndpointCacheSettings, sharedStore: boolean, event: ChangeEvent): Promise<void> {
  if (event.source === 'mutation' && sharedStore) {
    // The writing replica dropped and kept in the shared store: deleting again here would only
    // throw away the record it kept.
    const patched = event.listsPatched === true && event.record !== null && settings.cached && !settings.personal;
    reads.droppedElsewhere(event.endpoint, [event.id], !patched);
    if (patched && event.record !== null) reads.patchLists(settings, event.id, event.record, event.at);
    return;
  }
  const record = event.kind === 'deleted' ? null : event.record;
  if (record !== null && settings.cached && !settings.personal) {
    if (reads.holds(event.endpoint, event.id, record)) return;
    if (event.source === 'mutation' && event.listsPatched === true) {
      reads.patchLists(settings, event.id, record, event.at);
      return;
    }
    if (event.source === 'webhook' && (await reads.keepPushed(settings, event.id, record, event.at))) return;
  }
  if (record === null && event.kind !== 'deleted' && event.source === 'webhook' && settings.cached && !settings.personal) {
    if (await reads.hinted(settings, event.id)) return;
  }
  await reads.drop(event.endpoint, [event.id]);
}
