/**
 * Writes (our own, or records Odoo pushed) that the endpoint's list pages fetched before them show
 * in place (see `CachedReads.patchLists`): per endpoint, the last written record of each id, when it
 * was answered, and the filter keys it changed (every change since the first still remembered). A
 * page read since, or one that already shows the write, is left as it is; a page older than a write
 * that changed a filter key it names is read again instead (the record may have entered or left
 * it). Writes older than any page that may still be served are forgotten.
 */
import { identifierOf } from '../shared/identifier-of.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';

interface Write {
  readonly record: UpstreamRecord;
  readonly at: number;
  /** Filter keys whose values the write changed. */
  readonly moved: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export class ListPatches {
  private readonly written = new Map<string, Map<string, Write>>();
  /** Per endpoint, the last time a write moved a filter key: most pages are newer and need no look. */
  private readonly lastMoved = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  add(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number, moved: ReadonlySet<string> = NONE): void {
    let records = this.written.get(settings.endpoint);
    if (records === undefined) {
      records = new Map();
      this.written.set(settings.endpoint, records);
    }
    // No page older than this is ever served.
    const oldest = this.now() - settings.ttlMs - Math.max(settings.staleWhileRevalidateMs, settings.staleIfErrorMs);
    for (const [known, write] of records) if (write.at < oldest) records.delete(known);
    // A page older than the earlier write must still be read again for what that one moved.
    const earlier = records.get(id)?.moved ?? NONE;
    records.delete(id);
    records.set(id, { record, at, moved: earlier.size === 0 ? moved : new Set([...earlier, ...moved]) });
    if (moved.size > 0) this.lastMoved.set(settings.endpoint, Math.max(at, this.lastMoved.get(settings.endpoint) ?? at));
  }

  /** Whether a write since the page was fetched changed a filter key its query names. */
  outdates(settings: EndpointCacheSettings, query: Readonly<Record<string, string>>, fetchedAt: number): boolean {
    const records = this.written.get(settings.endpoint);
    if (records === undefined || !((this.lastMoved.get(settings.endpoint) ?? -Infinity) >= fetchedAt)) return false;
    for (const write of records.values()) {
      if (write.at < fetchedAt || write.moved.size === 0) continue;
      for (const key of write.moved) if (Object.hasOwn(query, key)) return true;
    }
    return false;
  }

  /** A page with the writes made since it was fetched in place, or null when none of them is on it. */
  apply(settings: EndpointCacheSettings, page: readonly UpstreamRecord[], fetchedAt: number): UpstreamRecord[] | null {
    const records = this.written.get(settings.endpoint);
    if (records === undefined || records.size === 0) return null;
    let out: UpstreamRecord[] | null = null;
    page.forEach((record, index) => {
      const id = identifierOf(record, settings.idKey);
      const write = id === null ? undefined : records.get(id);
      if (write === undefined || write.at < fetchedAt || sameRecord(record, write.record)) return;
      out ??= [...page];
      out[index] = write.record;
    });
    return out;
  }
}

/** The same fields with the same values, whatever their order. */
export function sameRecord(a: UpstreamRecord, b: UpstreamRecord): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/** The keys whose values differ between any held version and the record (either may lack a key). */
export function changedKeys(held: Iterable<UpstreamRecord>, record: UpstreamRecord): Set<string> {
  const changed = new Set<string>();
  for (const version of held) {
    for (const key of new Set([...Object.keys(version), ...Object.keys(record)])) {
      if (JSON.stringify(version[key]) !== JSON.stringify(record[key])) changed.add(key);
    }
  }
  return changed;
}

/**
 * Odoo's active test hides archived records from every search that does not name `active`: a
 * change of it may move a record across every page, whichever filters a page names.
 */
export const ACTIVE_KEY = 'active';
