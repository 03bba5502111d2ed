/**
 * A hint that a record changed (a push without a trusted payload): the record's entries are
 * dropped at once, and, rather than every list page of the endpoint, the record is read again once
 * a little later, then handled as a trusted push of what was read: the pages show it in place,
 * except those whose filter names a key that changed (and every page when `active` changed or the
 * record is gone). The pages are served as they are meanwhile, within their TTL as always.
 *
 * The read waits HINT_READ_AFTER_MS because the module calls out before Odoo commits: a read at
 * once could still see the old values. A read that still does (a long transaction) changes no page,
 * and the TTL bounds what they show, as without push. The read asks for its token as a query does:
 * it replaces the reads of every page. It is made in the one service partition that holds the
 * record, with that partition's forwarded headers; a record held in several (one per language) is
 * left to the drop of every page.
 */
import type { Logger } from 'pino';
import type { UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { ACTIVE_KEY, changedKeys } from './list-patches.js';

/** How long after a hint its record is read again (Odoo commits after the outbound call). */
export const HINT_READ_AFTER_MS = 300;

export interface HintedRecordsHooks {
  /** The versions the service partitions hold in this process (cache-partitions.ts). */
  heldVersions(endpoint: string, id: string): ReadonlyMap<string, UpstreamRecord> | null;
  drop(endpoint: string, ids: readonly string[], lists: boolean): Promise<void>;
  /** Reads the record from the upstream in a service partition, past the cache, and keeps it. */
  readAgain(settings: EndpointCacheSettings, id: string, partition: string): Promise<UpstreamRecord | null>;
  /** Pages fetched before now show `record` in place, but those whose query names a key of `moved`. */
  patch(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, moved: ReadonlySet<string>): void;
  readonly readAfterMs: number;
  readonly logger: Logger | undefined;
}

export class HintedRecords {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly hooks: HintedRecordsHooks) {}

  /** False, with nothing done, when the record's place in the pages cannot be checked this way. */
  async hinted(settings: EndpointCacheSettings, id: string): Promise<boolean> {
    const held = this.hooks.heldVersions(settings.endpoint, id);
    const [only] = held === null || held.size !== 1 ? [] : [...held];
    if (only === undefined) return false;
    const [partition, before] = only;
    await this.hooks.drop(settings.endpoint, [id], false);
    const running = this.check(settings, id, partition, before);
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return true;
  }

  /** Waits for the checks running now (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  private async check(settings: EndpointCacheSettings, id: string, partition: string, before: UpstreamRecord): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.hooks.readAfterMs));
    let now: UpstreamRecord | null;
    try {
      now = await this.hooks.readAgain(settings, id, partition);
    } catch (error) {
      this.hooks.logger?.debug({ endpoint: settings.endpoint, err: error }, 'cache: a hinted record could not be read again; its pages are dropped');
      await this.hooks.drop(settings.endpoint, [], true);
      return;
    }
    const changed = now === null ? null : changedKeys([before], now);
    if (now === null || changed === null || changed.has(ACTIVE_KEY)) {
      await this.hooks.drop(settings.endpoint, [], true);
      return;
    }
    if (changed.size > 0) this.hooks.patch(settings, id, now, new Set([...changed].filter((key) => settings.filters.has(key))));
  }
}
