/**
 * Our own writes as a change source: a decorator of the upstream client that publishes a
 * ChangeEvent (source `mutation`) after each successful POST, PUT and DELETE, carrying the record
 * the upstream answered. The record cache's decorator publishes the same events once it is in; this
 * one stays only where that one is not used, so each write is published once.
 */
import type { UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import type { ChangeBus, ChangeKind } from './types.js';

function isRecord(value: unknown): value is UpstreamRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function createPublishingClient(client: UpstreamClient, bus: ChangeBus, idKeyOf: (endpoint: string) => string, now: () => number = Date.now): UpstreamClient {
  const publish = (kind: ChangeKind, endpoint: string, id: string, record: UpstreamRecord | null): void => {
    const writeDate = record?.['write_date'];
    bus.publish({ kind, endpoint, id, record, writeDate: typeof writeDate === 'string' ? writeDate : null, source: 'mutation', at: now() });
  };
  return {
    request: (request, ctx) => client.request(request, ctx),
    list: (endpoint, query, ctx) => client.list(endpoint, query, ctx),
    get: (endpoint, id, ctx) => client.get(endpoint, id, ctx),
    async create(endpoint, body, ctx) {
      const record = await client.create(endpoint, body, ctx);
      const id = idText(record[idKeyOf(endpoint)]);
      if (id !== null) publish('created', endpoint, id, record);
      return record;
    },
    async update(endpoint, id, body, ctx) {
      const answer = await client.update(endpoint, id, body, ctx);
      const record = isRecord(answer) && idText(answer[idKeyOf(endpoint)]) !== null ? answer : null;
      const newId = record === null ? id : (idText(record[idKeyOf(endpoint)]) ?? id);
      // A write that renamed the identifier: the old id is gone, the new one changed.
      if (newId !== id) publish('deleted', endpoint, id, null);
      publish('updated', endpoint, newId, record);
      return answer;
    },
    async remove(endpoint, id, ctx) {
      const answer = await client.remove(endpoint, id, ctx);
      publish('deleted', endpoint, id, null);
      return answer;
    },
    close: () => client.close(),
  };
}
