/**
 * At most `max` requests in flight; the rest wait in arrival order. A waiter gives up when its
 * time runs out or its signal aborts, and a released slot goes straight to the next live waiter,
 * so the in-flight count never exceeds `max` even for an instant.
 */

/** Why a wait ended without a slot. */
export class LimiterWaitError extends Error {
  constructor(readonly reason: 'timeout' | 'aborted') {
    super(reason === 'timeout' ? 'no free slot before the deadline' : 'aborted while waiting for a slot');
    this.name = 'LimiterWaitError';
  }
}

/** setTimeout's largest delay; a longer one (an unbounded deadline) needs no timer at all. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Waiter {
  resolve: () => void;
  settled: boolean;
}

export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private head = 0;

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length - this.head;
  }

  /** Takes a slot if one is free now. */
  tryAcquire(): boolean {
    if (this.active >= this.max) return false;
    this.active += 1;
    return true;
  }

  /** Waits for a slot, at most `timeoutMs`; rejects with a LimiterWaitError. */
  acquire(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (signal?.aborted === true) return Promise.reject(new LimiterWaitError('aborted'));
    if (timeoutMs <= 0) return Promise.reject(new LimiterWaitError('timeout'));
    return new Promise<void>((resolve, reject) => {
      const giveUp = (reason: 'timeout' | 'aborted'): void => {
        if (waiter.settled) return;
        waiter.settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(new LimiterWaitError(reason));
      };
      const onAbort = (): void => giveUp('aborted');
      const waiter: Waiter = {
        settled: false,
        resolve: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const timer = timeoutMs <= MAX_TIMER_MS ? setTimeout(giveUp, timeoutMs, 'timeout') : undefined;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Frees a slot, handing it to the oldest live waiter if any. */
  release(): void {
    while (this.head < this.waiters.length) {
      const waiter = this.waiters[this.head] as Waiter;
      this.head += 1;
      if (waiter.settled) continue;
      waiter.settled = true;
      this.compact();
      waiter.resolve();
      return;
    }
    this.compact();
    this.active -= 1;
  }

  /** Drops consumed entries now and then, so the queue array does not grow without bound. */
  private compact(): void {
    if (this.head === this.waiters.length) {
      this.waiters.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    }
  }
}
