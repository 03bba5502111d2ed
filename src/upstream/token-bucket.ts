/**
 * A token bucket that hands out reservations: a caller that finds the bucket empty takes a token
 * "on credit" (the count goes negative) and learns how long to wait, so waiters are served in
 * arrival order without a queue. Pure: the clock is an argument.
 */
export class TokenBucket {
  readonly capacity: number;
  private readonly perMs: number;
  private tokens: number;
  private updatedAt: number;

  /** `perMinute` tokens a minute, at most `capacity` saved up (the burst). */
  constructor(perMinute: number, capacity: number, now: number) {
    if (!(perMinute > 0) || !(capacity >= 1)) throw new RangeError('token bucket needs perMinute > 0 and capacity >= 1');
    this.perMs = perMinute / 60_000;
    this.capacity = capacity;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
      this.updatedAt = now;
    }
  }

  /**
   * Takes a token: 0 when one is there now, else the wait in ms until it is (the token is already
   * taken), or null when that wait would end after `deadline` (nothing is taken).
   */
  reserve(now: number, deadline: number): number | null {
    this.refill(now);
    const wait = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
    if (now + wait > deadline) return null;
    this.tokens -= 1;
    return wait;
  }

  /** How long until a token would be free, for `retryAfterMs` of a refusal. */
  waitFor(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  /**
   * Takes a token only when one is there now and at least `keep` more stay behind (nothing is
   * taken otherwise): work that may yield never waits and never drains the saved-up burst.
   */
  tryTake(now: number, keep: number): boolean {
    this.refill(now);
    if (this.tokens < 1 + keep) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is full (it then behaves exactly like a new one and may be dropped). */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }

  /**
   * Gives back a reservation that was not used (its caller gave up while waiting). With `now`, the
   * bucket refills first, in the order the Redis script does it, so both round alike.
   */
  cancel(now?: number): void {
    if (now !== undefined) this.refill(now);
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }
}
