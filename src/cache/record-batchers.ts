/**
 * The record batchers of the cache, one per priority, endpoint and partition (a call goes out with
 * one priority and one partition's credentials), made when first asked for and forgotten when
 * idle. Each keeps what it read (but for what was dropped since, drop-log.ts), and its calls count
 * towards the endpoint's next sweep (endpoint-sweeps.ts).
 */
import type { UpstreamClient } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { DropLog } from './drop-log.js';
import type { EndpointSweeps } from './endpoint-sweeps.js';
import { fetchRecordsOf } from './fetch-records.js';
import { keepAnswer } from './keep-answer.js';
import { RecordBatcher, type FetchRecords } from './record-batcher.js';
import type { CacheStore } from './types.js';

export interface RecordBatchersDeps {
  readonly client: UpstreamClient;
  readonly store: CacheStore;
  readonly now: () => number;
  readonly drops: DropLog;
  readonly sweeps: EndpointSweeps;
}

export class RecordBatchers {
  private readonly batchers = new Map<string, RecordBatcher>();

  constructor(private readonly deps: RecordBatchersDeps) {}

  of(settings: EndpointCacheSettings, partition: string, priority: 'foreground' | 'background'): RecordBatcher {
    const name = `${priority}\u0000${settings.endpoint}\u0000${partition}`;
    let batcher = this.batchers.get(name);
    if (batcher === undefined) {
      batcher = new RecordBatcher(this.countedFetchOf(settings, partition), settings.maxBatch, this.deps.now, () => {
        if (this.batchers.get(name)?.idle === true) this.batchers.delete(name);
      });
      this.batchers.set(name, batcher);
    }
    return batcher;
  }

  /** The batcher's call: read and kept as fetch-records.ts does, counted for the sweeps. */
  private countedFetchOf(settings: EndpointCacheSettings, partition: string): FetchRecords {
    const { client, store, now, drops, sweeps } = this.deps;
    const fetchRecords = fetchRecordsOf(client, settings, {
      now,
      mark: () => drops.mark(settings.endpoint),
      keep: (id, record, fetchedAt, mark) =>
        keepAnswer(store, drops, settings, { kind: 'record', endpoint: settings.endpoint, partition, id }, record, fetchedAt, mark),
    });
    return (ids, ctx) => {
      sweeps.noteRecordCall(settings, partition, ctx);
      return fetchRecords(ids, ctx);
    };
  }
}
