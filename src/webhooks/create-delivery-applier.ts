/**
 * Applies accepted deliveries after the answer went out: each record becomes one ChangeEvent on the
 * bus, unless it is a repeat or older than what was last applied for that record. The module
 * retries (duplicates) and nothing orders its calls (reordering), so the last `write_date`, event
 * and values seen per record decide: an older `write_date` never overwrites a newer one, the same
 * date, event and values is a duplicate (the same date with other values is another edit within
 * that second), and nothing at or before a delete's date revives it.
 */
import { LRUCache } from 'lru-cache';
import type { ChangeBus, ChangeEvent, ChangeKind } from '../changes/types.js';
import type { Logger } from '../logging/create-logger.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import { digestOf, type DeliveryItem } from './parse-delivery.js';
import type { WebhookCounters } from './create-webhook-counters.js';

export interface Delivery {
  readonly endpoint: string;
  readonly kind: ChangeKind;
  readonly items: readonly DeliveryItem[];
  readonly trustPayload: boolean;
}

export interface DeliveryApplier {
  /** Queues the delivery; it is applied on a later turn of the event loop. */
  enqueue(delivery: Delivery): void;
  /** Resolves once everything queued so far is applied. */
  idle(): Promise<void>;
  /**
   * Remembers a change published by someone else (our own mutation): Odoo pushes that write back
   * too, with the same `write_date`, and it is then a repeat.
   */
  remember(event: ChangeEvent): void;
}

interface LastSeen {
  readonly kind: ChangeKind;
  readonly writeDate: string | null;
  /** Of the values (parse-delivery.ts `digestOf`); null when unknown. */
  readonly digest: string | null;
}

/** Records whose last delivery is remembered; beyond this the oldest are forgotten (the TTL is the safety net). */
const REMEMBERED = 100_000;

export function isStale(last: LastSeen | undefined, kind: ChangeKind, writeDate: string | null, digest: string): boolean {
  if (last === undefined) return false;
  // Nothing happened to a deleted record since: a second delete is the same one.
  if (last.kind === 'deleted' && kind === 'deleted') return true;
  if (writeDate === null || last.writeDate === null) return false;
  if (writeDate < last.writeDate) return true;
  if (last.kind === 'deleted' && kind !== 'deleted') return writeDate <= last.writeDate;
  return writeDate === last.writeDate && kind === last.kind && digest === last.digest;
}

export function createDeliveryApplier(
  bus: ChangeBus,
  index: TypeIndex,
  counters: WebhookCounters,
  logger: Logger,
  now: () => number = Date.now,
): DeliveryApplier {
  const last = new LRUCache<string, LastSeen>({ max: REMEMBERED });
  let pending: Promise<void> = Promise.resolve();
  const apply = (delivery: Delivery): void => {
    let applied = 0;
    for (const item of delivery.items) {
      const key = `${delivery.endpoint}\u0000${item.id}`;
      if (isStale(last.get(key), delivery.kind, item.writeDate, item.digest)) continue;
      last.set(key, { kind: delivery.kind, writeDate: item.writeDate, digest: item.digest });
      const record = delivery.kind !== 'deleted' && delivery.trustPayload ? item.complete : null;
      bus.publish({ kind: delivery.kind, endpoint: delivery.endpoint, id: item.id, record, writeDate: item.writeDate, source: 'webhook', at: now() });
      applied += 1;
    }
    const ignored = delivery.items.length - applied;
    counters.count(delivery.endpoint, delivery.kind, applied > 0 ? 'applied' : 'ignored', applied, ignored);
    logger.info({ endpoint: delivery.endpoint, event: delivery.kind, ids: delivery.items.length, applied, ignored }, 'webhook delivery');
  };
  return {
    enqueue(delivery) {
      pending = pending.then(
        () =>
          new Promise<void>((resolve) =>
            setImmediate(() => {
              try {
                apply(delivery);
              } catch (error) {
                logger.error({ err: error, endpoint: delivery.endpoint }, 'webhook delivery failed');
              }
              resolve();
            }),
          ),
      );
    },
    idle: () => pending,
    remember(event) {
      const endpoint = index.endpoints.get(event.endpoint);
      const digest = event.record === null || endpoint === undefined ? null : digestOf(event.record, endpoint);
      const writeDate = event.writeDate === null ? null : event.writeDate.replace('T', ' ').replace(/Z$/, '');
      last.set(`${event.endpoint}\u0000${event.id}`, { kind: event.kind, writeDate, digest });
    },
  };
}
