/**
 * Record reads of one endpoint and partition, merged across operations. One call is out at a time:
 * while it waits for its rate-limit token or is on the wire, the ids other operations miss queue,
 * and the next call asks for all of them at once (one id-list call per `maxBatch` ids). Under a
 * tight budget the wait for a token is what merges them; with tokens plenty a queued id waits one
 * round trip at most. An id already in the call out is joined, not asked again.
 *
 * The call carries the first waiter's context (its request id and its cost accounting); the other
 * operations in it are told they shared it. It waits as long as its most patient waiter may
 * (the latest deadline), unless every waiter has a stale answer at hand: then it stops waiting for a
 * token at the latest of their token deadlines, and they serve what they have.
 */
import type { CallContext, UpstreamRecord } from '../upstream/types.js';

/** Reads `ids` (one call, or one GET when there is one id); an id missing from the map is absent. */
export type FetchRecords = (ids: readonly string[], ctx: CallContext) => Promise<ReadonlyMap<string, UpstreamRecord | null>>;

export interface BatchedRead {
  readonly record: UpstreamRecord | null;
  /** Epoch ms the call that read it started (the age of the answer counts from there). */
  readonly startedAt: number;
}

interface Waiter {
  readonly ctx: CallContext;
  resolve(read: BatchedRead): void;
  reject(error: unknown): void;
}

export class RecordBatcher {
  private readonly queued = new Map<string, Waiter[]>();
  private readonly inCall = new Map<string, Promise<BatchedRead>>();
  private running = false;

  constructor(
    private readonly fetchRecords: FetchRecords,
    private readonly maxBatch: number,
    private readonly now: () => number,
    /** Called when the batcher has nothing queued or out (its owner may forget it). */
    private readonly onIdle: () => void,
  ) {}

  get idle(): boolean {
    return !this.running && this.queued.size === 0;
  }

  load(id: string, ctx: CallContext): Promise<BatchedRead> {
    const joined = this.inCall.get(id);
    if (joined !== undefined) {
      ctx.onShared?.();
      return joined;
    }
    return new Promise<BatchedRead>((resolve, reject) => {
      const waiters = this.queued.get(id);
      if (waiters === undefined) this.queued.set(id, [{ ctx, resolve, reject }]);
      else waiters.push({ ctx, resolve, reject });
      if (!this.running) {
        this.running = true;
        // One turn of the event loop, so that the misses of operations arriving together go in one call.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0) {
      const batch = [...this.queued.entries()].slice(0, this.maxBatch);
      for (const [id] of batch) this.queued.delete(id);
      await this.send(batch);
    }
    this.running = false;
    this.onIdle();
  }

  private async send(batch: readonly (readonly [string, Waiter[]])[]): Promise<void> {
    const waiters = batch.flatMap(([, list]) => list);
    const ctx = batchContext(waiters.map((waiter) => waiter.ctx));
    const startedAt = this.now();
    const ids = batch.map(([id]) => id);
    const answer = this.fetchRecords(ids, ctx);
    for (const id of ids) {
      const read = answer.then((records) => ({ record: records.get(id) ?? null, startedAt }));
      // Its waiters hear of a failure below; this copy is only for operations that join it.
      read.catch(() => undefined);
      this.inCall.set(id, read);
    }
    try {
      const records = await answer;
      for (const [id, list] of batch) for (const waiter of list) waiter.resolve({ record: records.get(id) ?? null, startedAt });
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    } finally {
      for (const id of ids) this.inCall.delete(id);
    }
  }
}

/** The first waiter's context, as patient as the most patient waiter, never cancelled by one of them. */
function batchContext(contexts: readonly CallContext[]): CallContext {
  const [leader, ...others] = contexts;
  if (leader === undefined) throw new Error('record batcher: a batch without waiters');
  const seen = new Set<CallContext>([leader]);
  for (const ctx of others) {
    if (seen.has(ctx)) continue;
    seen.add(ctx);
    ctx.onShared?.();
  }
  const all = [...seen];
  const deadline = Math.max(...all.map((ctx) => ctx.deadline));
  const patient = all.some((ctx) => ctx.tokenDeadline === undefined);
  const foreground = all.some((ctx) => (ctx.priority ?? 'foreground') === 'foreground');
  return {
    ...leader,
    deadline,
    tokenDeadline: patient ? undefined : Math.max(...all.map((ctx) => ctx.tokenDeadline ?? deadline)),
    priority: foreground ? 'foreground' : 'background',
    cancel: undefined,
  };
}
