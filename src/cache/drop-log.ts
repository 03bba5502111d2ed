/**
 * What was dropped since a read started, per endpoint: a read that began before a record (or the
 * endpoint's list pages) was dropped must not store what it got for it, since it may be from
 * before the change; what it got for the other records is kept. Drops are counted, not timed (two
 * in the same millisecond still order). Ids are remembered up to a bound; past it, a drop of the
 * whole endpoint stands in for the forgotten ones (more conservative, never less).
 */

interface EndpointDrops {
  /** Drops counted so far: a read notes this when it starts. */
  count: number;
  /** The count after the last drop of every record (the bound was reached). */
  all: number;
  /** The count after the last drop of the list pages. */
  lists: number;
  /** The count after the last drop of each record. */
  readonly ids: Map<string, number>;
}

/** Ids whose last drop is remembered per endpoint. */
const MAX_IDS = 10_000;

export class DropLog {
  private readonly endpoints = new Map<string, EndpointDrops>();

  /** Noted when a read starts, and given back to `mayKeep*` when it answers. */
  mark(endpoint: string): number {
    return this.endpoints.get(endpoint)?.count ?? 0;
  }

  drop(endpoint: string, ids: readonly string[], lists: boolean): void {
    const drops = this.of(endpoint);
    drops.count += 1;
    if (lists) drops.lists = drops.count;
    if (drops.ids.size + ids.length > MAX_IDS) {
      drops.ids.clear();
      drops.all = drops.count;
      return;
    }
    for (const id of ids) drops.ids.set(id, drops.count);
  }

  mayKeepList(endpoint: string, mark: number): boolean {
    const drops = this.endpoints.get(endpoint);
    return drops === undefined || (drops.lists <= mark && drops.all <= mark);
  }

  mayKeepRecord(endpoint: string, id: string, mark: number): boolean {
    const drops = this.endpoints.get(endpoint);
    return drops === undefined || (drops.all <= mark && (drops.ids.get(id) ?? 0) <= mark);
  }

  private of(endpoint: string): EndpointDrops {
    let drops = this.endpoints.get(endpoint);
    if (drops === undefined) {
      drops = { count: 0, all: 0, lists: 0, ids: new Map() };
      this.endpoints.set(endpoint, drops);
    }
    return drops;
  }
}
