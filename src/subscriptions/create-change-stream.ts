/**
 * One subscriber's events, in the order they happened: its topic (create-change-topics.ts) pushes
 * each change as a promise of the payload, shared by every subscriber of the topic, so a slow read
 * does not reorder. The queue is bounded: a consumer that falls `maxQueued` events behind is dropped
 * (`onOverflow`) rather than buffered without end. A change whose payload is null (a rolled-back
 * write, a record this user cannot see, one the filter excludes) is skipped.
 */
import type { ChangeEvent, ChangeKind } from '../changes/types.js';
import type { UpstreamRecord } from '../upstream/types.js';

export interface ChangePayload {
  readonly event: ChangeKind;
  readonly id: string;
  readonly record: UpstreamRecord | null;
  /** The change itself: subscribers of one operation share its execution (run-subscription.ts). */
  readonly change: ChangeEvent;
}

export interface ChangeStreamOptions {
  readonly maxQueued: number;
  readonly onOverflow: () => void;
  /** Called once when the stream ends, however it ends. */
  readonly onEnd: () => void;
}

export interface ChangeStream extends AsyncIterableIterator<ChangePayload> {
  /** Queues one change's payload (null: nothing to deliver); over `maxQueued` the stream ends instead. */
  push(payload: Promise<ChangePayload | null>): void;
}

export function createChangeStream(options: ChangeStreamOptions): ChangeStream {
  const queue: Promise<ChangePayload | null>[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    wake?.();
    options.onEnd();
  };
  const done = (): IteratorResult<ChangePayload> => ({ done: true, value: undefined });
  const stream: ChangeStream = {
    push(payload) {
      if (ended) return;
      if (queue.length >= options.maxQueued) {
        end();
        options.onOverflow();
        return;
      }
      queue.push(payload);
      wake?.();
    },
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
      return stream;
    },
  };
  return stream;
}
