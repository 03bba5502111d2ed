/**
 * A write through the cache: once the upstream answers, what it may have changed is dropped before
 * the writer has its answer, so the next read by anyone sees it, and the change is published on the
 * bus. The record the upstream answered replaces the writer's entry (its partition sees the write at
 * once, at no call); every other partition goes upstream on its next read. The endpoint's list
 * pages are dropped too, unless the write is an update of shared (service) records that no filter
 * reads: then they show the written record and refresh in the background (`CachedReads.patchLists`).
 */
import type { ChangeEvent, ChangeKind } from '../changes/types.js';
import { isRecord } from '../shared/guards.js';
import { identifierOf } from '../shared/identifier-of.js';
import type { CallContext, UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CachedReads } from './cached-reads.js';

export interface CachedWrite<T> {
  readonly endpoint: string;
  readonly kind: ChangeKind;
  /** The id written, when the request names one (not for a create). */
  readonly id: string | undefined;
  readonly ctx: CallContext;
  /** The keys the write sets, or null when that cannot be told. */
  readonly keys: readonly string[] | null;
  send(): Promise<T>;
}

export interface CachedWriteDeps {
  readonly reads: CachedReads;
  readonly settings: EndpointCacheSettings;
  readonly now: () => number;
  /** Publishes our own change on the bus (already dropped here). */
  publish(event: ChangeEvent): void;
}

/** What the upstream's answer to a write lets the cache keep. */
interface Answered {
  readonly record: UpstreamRecord | null;
  readonly answeredId: string | null;
  /** The record to keep as the writer's entry, or null. */
  readonly kept: UpstreamRecord | null;
  /** Whether the list pages show the record in place instead of being dropped. */
  readonly patch: boolean;
}

/** Sends the write, then drops what it may have changed and publishes it (on success). */
export async function writeThrough<T>(deps: CachedWriteDeps, write: CachedWrite<T>): Promise<T> {
  const { reads, settings } = deps;
  const { endpoint, kind, id, ctx } = write;
  let answer: T;
  try {
    answer = await write.send();
  } catch (error) {
    // It may have been applied all the same (a timeout, a reset): forget what it may have changed.
    await reads.drop(endpoint, id === undefined ? [] : [id]);
    throw error;
  }
  const { record, answeredId, kept, patch } = answeredOf(settings, write, answer);
  await reads.drop(
    endpoint,
    [id, answeredId].filter((value): value is string => typeof value === 'string'),
    !patch,
  );
  // The answer's time, taken once the drop is done: a read that started before the write was
  // answered (on any replica) has an older version and never replaces what the write answered,
  // and the drop's own tombstone (Redis refuses what was read before a delete) does not refuse it.
  const answeredAt = deps.now();
  if (kept !== null && answeredId !== null) {
    await reads.replace(settings, { kind: 'record', endpoint, partition: reads.partitionOf(settings, ctx), id: answeredId }, kept, answeredAt);
    if (patch) reads.patchLists(settings, answeredId, kept, answeredAt);
  }
  const eventId = answeredId ?? id;
  if (eventId !== undefined) {
    deps.publish({
      kind,
      endpoint,
      id: eventId,
      record,
      writeDate: writeDateOf(record),
      source: 'mutation',
      at: answeredAt,
      ...(patch ? { listsPatched: true } : {}),
    });
  }
  return answer;
}

/** The keys a write body sets, or null when it is not a record (nothing can be said about it). */
export function writtenKeys(body: unknown): readonly string[] | null {
  return isRecord(body) ? Object.keys(body) : null;
}

function answeredOf<T>(settings: EndpointCacheSettings, write: CachedWrite<T>, answer: T): Answered {
  const { kind, id, keys } = write;
  const record = kind !== 'deleted' && isRecord(answer) ? answer : null;
  const answeredId = record === null ? null : identifierOf(record, settings.idKey);
  const kept = record !== null && answeredId !== null && settings.cached && (id === undefined || id === answeredId) ? record : null;
  const patch = kept !== null && kind === 'updated' && !settings.personal && keys !== null && !keys.some((key) => settings.filters.has(key));
  return { record, answeredId, kept, patch };
}

function writeDateOf(record: UpstreamRecord | null): string | null {
  const value = record?.['write_date'];
  return typeof value === 'string' ? value : null;
}
