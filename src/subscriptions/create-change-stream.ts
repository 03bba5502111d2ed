/**
 * One subscription's events: the bus's changes of one endpoint (and one id, or those matching a
 * filter), each with the record as this subscriber may see it, in the order they happened. Reads
 * start when the change is heard, so a slow read does not reorder; the queue is bounded, and a
 * consumer that falls `maxQueued` events behind is dropped (`onOverflow`) rather than buffered
 * without end. A change whose re-read finds nothing (a rolled-back write, a record this user cannot
 * see) is not delivered; a delete always is.
 */
import type { ChangeBus, ChangeEvent, ChangeKind } from '../changes/types.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { ChangeFilter } from './build-change-filter.js';
import type { ChangeReader } from './create-change-reader.js';

export interface ChangePayload {
  readonly event: ChangeKind;
  readonly id: string;
  readonly record: UpstreamRecord | null;
  /** The change itself: subscribers of one operation share its execution (run-subscription.ts). */
  readonly change: ChangeEvent;
}

export interface ChangeStreamOptions {
  readonly bus: ChangeBus;
  readonly reader: ChangeReader;
  readonly endpoint: string;
  /** One record, or null for every record matching `filter`. */
  readonly id: string | null;
  readonly filter: ChangeFilter;
  readonly authorization: string | undefined;
  readonly maxQueued: number;
  readonly onOverflow: () => void;
  /** Called once when the stream ends, however it ends. */
  readonly onEnd: () => void;
}

export function createChangeStream(options: ChangeStreamOptions): AsyncIterableIterator<ChangePayload> {
  const queue: Promise<ChangePayload | null>[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    unsubscribe();
    queue.length = 0;
    wake?.();
    options.onEnd();
  };
  const unsubscribe = options.bus.subscribe((change) => {
    if (ended || change.endpoint !== options.endpoint || (options.id !== null && change.id !== options.id)) return;
    if (queue.length >= options.maxQueued) {
      end();
      options.onOverflow();
      return;
    }
    queue.push(
      options.reader.read(change, options.authorization).then((record) => {
        if (change.kind === 'deleted') return { event: change.kind, id: change.id, record: null, change };
        return record !== null && options.filter(record) ? { event: change.kind, id: change.id, record, change } : null;
      }),
    );
    wake?.();
  });
  const done = (): IteratorResult<ChangePayload> => ({ done: true, value: undefined });
  const iterator: AsyncIterableIterator<ChangePayload> = {
    async next() {
      while (!ended) {
        const head = queue.shift();
        if (head === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        const payload = await head;
        if (payload !== null && !ended) return { done: false, value: payload };
      }
      return done();
    },
    async return() {
      end();
      return done();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
