/**
 * The simulator's outbound side: every change of its records (through the API, or made inside
 * Odoo) sent to a configured URL the way BJET's outbound configurations would — one configuration
 * per endpoint and event, the mapped record (or a page of them), its auth header, timeouts and
 * retries — one call after another, with optional faults for tests.
 */
import { tableOf } from '../data/store.js';
import { formatRecord, type JsonRecord } from '../format-record.js';
import { createPrng } from '../prng.js';
import type { SimChange } from '../sim-changes.js';
import type { SimState } from '../sim-state.js';
import type { Outbound, OutboundOptions, OutboundStats } from './outbound-types.js';
import { authHeader, createOutboundAgent, sendOutboundCall, type OutboundCall, type SendCounters } from './send-outbound-call.js';

interface Batch {
  readonly endpoint: string;
  readonly kind: SimChange['kind'];
  readonly records: JsonRecord[];
  timer: NodeJS.Timeout | null;
}

export function createOutbound(state: SimState, options: OutboundOptions): Outbound {
  const base = options.url.replace(/\/+$/, '');
  const faults = options.faults ?? {};
  const prng = createPrng(options.seed ?? 7);
  const agent = createOutboundAgent(options.connectTimeoutMs ?? 5_000);
  const send = { agent, readTimeoutMs: options.readTimeoutMs ?? 15_000, retries: options.retries ?? 3, backoffMs: options.backoffMs ?? 500 };
  const counters: SendCounters & { delivered: number; failed: number; dropped: number } = { calls: 0, retried: 0, delivered: 0, failed: 0, dropped: 0 };
  const batches = new Map<string, Batch>();
  let chain: Promise<void> = Promise.resolve();
  let held: OutboundCall | null = null;
  let heldTimer: NodeJS.Timeout | null = null;

  const enqueue = (call: OutboundCall): void => {
    chain = chain.then(async () => {
      if (faults.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
      const result = await sendOutboundCall(call, send, counters);
      counters[result] += 1;
    });
  };
  const dispatch = (call: OutboundCall): void => {
    if (faults.drop !== undefined && prng.chance(faults.drop)) {
      counters.dropped += 1;
      return;
    }
    const copies = faults.duplicate !== undefined && prng.chance(faults.duplicate) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      if (faults.reorder !== true) enqueue(call);
      else if (held === null) {
        held = call;
        heldTimer = setTimeout(releaseHeld, options.batchWindowMs ?? 20);
      } else {
        enqueue(call);
        releaseHeld();
      }
    }
  };
  const releaseHeld = (): void => {
    if (heldTimer !== null) clearTimeout(heldTimer);
    heldTimer = null;
    if (held !== null) enqueue(held);
    held = null;
  };
  const callFor = (endpoint: string, kind: SimChange['kind'], body: unknown): OutboundCall => {
    const inPath = (options.eventIn ?? 'path') === 'path';
    const headers = { ...options.headers, ...authHeader(options.auth), ...(inPath ? {} : { 'x-bjet-event': kind }) };
    return { url: `${base}/${encodeURIComponent(endpoint)}${inPath ? `/${kind}` : ''}`, headers, body: JSON.stringify(body) };
  };
  const flush = (key: string): void => {
    const batch = batches.get(key);
    if (batch === undefined) return;
    batches.delete(key);
    if (batch.timer !== null) clearTimeout(batch.timer);
    dispatch(callFor(batch.endpoint, batch.kind, batch.records));
  };
  const onChange = (change: SimChange): void => {
    const endpoint = state.endpoints.get(change.endpoint);
    const row = endpoint === undefined ? undefined : tableOf(state.store, endpoint.model).byId.get(change.rowId);
    if (endpoint === undefined || row === undefined) return;
    const record = formatRecord(state.store, endpoint, row);
    if (options.paginated !== true) return dispatch(callFor(change.endpoint, change.kind, record));
    const key = `${change.endpoint}\u0000${change.kind}`;
    const batch = batches.get(key) ?? { endpoint: change.endpoint, kind: change.kind, records: [], timer: null };
    batches.set(key, batch);
    batch.records.push(record);
    if (batch.records.length >= (options.pageSize ?? 100)) flush(key);
    else batch.timer ??= setTimeout(() => flush(key), options.batchWindowMs ?? 50);
  };
  const unsubscribe = state.changes.subscribe(onChange);
  const idle = async (): Promise<void> => {
    for (const key of [...batches.keys()]) flush(key);
    releaseHeld();
    let seen: Promise<void> | null = null;
    while (seen !== chain) {
      seen = chain;
      await chain;
    }
  };
  return {
    get stats(): OutboundStats {
      return { calls: counters.calls, delivered: counters.delivered, failed: counters.failed, retried: counters.retried, dropped: counters.dropped };
    },
    idle,
    async stop() {
      unsubscribe();
      await idle();
      await agent.close();
    },
  };
}
