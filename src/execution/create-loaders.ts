/**
 * Per-operation record loaders: one DataLoader per endpoint, keyed by the identifier's string form.
 * Created per request (never shared), so a cached record never outlives the operation that read it.
 * Duplicates collapse to one call and every record a list returned primes its endpoint's loader.
 */
import DataLoader from 'dataloader';
import type { EndpointModel } from '../model/source-model.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { identifierOf } from '../shared/identifier-of.js';
import { listByIds, type IdListAnswer } from '../upstream/list-by-ids.js';
import type { TypeIndex } from './build-type-index.js';
import { targetOf } from './build-type-index.js';

export type RecordLoader = DataLoader<string, UpstreamRecord | null>;

export interface Loaders {
  load(endpoint: string, id: string): Promise<UpstreamRecord | null>;
  loadMany(endpoint: string, ids: readonly string[]): Promise<(UpstreamRecord | null | Error)[]>;
  /** Caches records a list (or a write) returned, by their identifier; existing entries are kept. */
  prime(endpoint: string, records: readonly UpstreamRecord[]): void;
  /** Forgets one id (a write changed it). */
  clear(endpoint: string, id: string): void;
}

export function createLoaders(client: UpstreamClient, index: TypeIndex, ctx: CallContext): Loaders {
  const loaders = new Map<string, RecordLoader>();
  // Primed records wait here until an id is asked for: most pages have no relation back to their
  // own endpoint, and a DataLoader entry is a promise per record. First primed wins, as in DataLoader.
  const primed = new Map<string, Map<string, UpstreamRecord>>();
  const loaderFor = (name: string): RecordLoader => {
    let loader = loaders.get(name);
    if (loader === undefined) {
      loader = createRecordLoader(client, targetOf(index, name), ctx);
      loaders.set(name, loader);
    }
    return loader;
  };
  /** The endpoint's loader, holding the primed records among `ids` (a loaded entry is kept). */
  const loaderWith = (name: string, ids: readonly string[]): RecordLoader => {
    const loader = loaderFor(name);
    const waiting = primed.get(name);
    if (waiting === undefined) return loader;
    for (const id of ids) {
      const record = waiting.get(id);
      if (record === undefined) continue;
      waiting.delete(id);
      loader.prime(id, record);
    }
    return loader;
  };
  return {
    load: (endpoint, id) => loaderWith(endpoint, [id]).load(id),
    loadMany: (endpoint, ids) => loaderWith(endpoint, ids).loadMany(ids),
    prime(endpoint, records) {
      const idKey = targetOf(index, endpoint).idKey;
      let waiting = primed.get(endpoint);
      if (waiting === undefined) {
        waiting = new Map();
        primed.set(endpoint, waiting);
      }
      for (const record of records) {
        const id = identifierOf(record, idKey);
        if (id !== null && !waiting.has(id)) waiting.set(id, record);
      }
    },
    clear(endpoint, id) {
      primed.get(endpoint)?.delete(id);
      loaderFor(endpoint).clear(id);
    },
  };
}

function createRecordLoader(client: UpstreamClient, endpoint: EndpointModel, ctx: CallContext): RecordLoader {
  const idListFilter = endpoint.idListFilter;
  const getEach = (ids: readonly string[]) => Promise.all(ids.map((id) => getOrError(client, endpoint.endpoint, id, ctx)));
  // No multi-id form upstream: one GET per distinct id; the client bounds the concurrency.
  if (idListFilter === null) return new DataLoader(getEach);
  // With one: one list call per `maxPageSize` ids. A single id is one call either way, and GET by id
  // is the exact form.
  return new DataLoader((ids) => (ids.length === 1 ? getEach(ids) : loadByIds(client, endpoint, idListFilter, ids, ctx)), {
    maxBatchSize: endpoint.maxPageSize,
  });
}

function getOrError(client: UpstreamClient, endpoint: string, id: string, ctx: CallContext): Promise<UpstreamRecord | null | Error> {
  return client.get(endpoint, id, ctx).catch((error: unknown) => asError(error));
}

async function loadByIds(
  client: UpstreamClient,
  endpoint: EndpointModel,
  filterKey: string,
  ids: readonly string[],
  ctx: CallContext,
): Promise<(UpstreamRecord | null | Error)[]> {
  let answer: IdListAnswer;
  try {
    answer = await listByIds(client, endpoint, filterKey, ids, ctx);
  } catch (error) {
    return ids.map(() => asError(error));
  }
  // eslint-disable-next-line @typescript-eslint/await-thenable -- a mix of records and promises is what Promise.all takes (typescript-eslint#11694)
  return Promise.all(ids.map((id) => answer.found.get(id) ?? getOrError(client, endpoint.endpoint, id, ctx)));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
