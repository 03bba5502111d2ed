/**
 * Our own writes that the endpoint's list pages fetched before them show in place (see
 * `CachedReads.patchLists`): per endpoint, the last written record of each id and when it was
 * answered. A page read since, or one that already shows the write, is left as it is. Writes older
 * than any page that may still be served are forgotten.
 */
import { identifierOf } from '../shared/identifier-of.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';

interface Write {
  readonly record: UpstreamRecord;
  readonly at: number;
}

export class ListPatches {
  private readonly written = new Map<string, Map<string, Write>>();

  constructor(private readonly now: () => number) {}

  add(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): void {
    let records = this.written.get(settings.endpoint);
    if (records === undefined) {
      records = new Map();
      this.written.set(settings.endpoint, records);
    }
    // No page older than this is ever served.
    const oldest = this.now() - settings.ttlMs - Math.max(settings.staleWhileRevalidateMs, settings.staleIfErrorMs);
    for (const [known, write] of records) if (write.at < oldest) records.delete(known);
    records.delete(id);
    records.set(id, { record, at });
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
