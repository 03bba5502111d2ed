/**
 * "At most `limit` calls in any window of `windowMs`" with reservations: the times granted (some
 * in the future, for callers told to wait) in ascending order. A new call may go at the earliest
 * at the time the (limit)-th latest grant leaves the window. Exact for any window the proxy uses
 * (fixed windows are a special case). Pure: the clock is an argument. The Redis limiter runs the
 * same rule in Lua; this one is its local fallback.
 */
export class SlidingWindowLog {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** The earliest time >= now a call may go, keeping `reserve` grants free for others (Infinity: never). */
  earliest(now: number, reserve = 0): number {
    this.prune(now);
    const effective = this.limit - reserve;
    if (effective <= 0) return Infinity;
    const count = this.times.length;
    if (count < effective) return now;
    return Math.max(now, (this.times[count - effective] ?? now) + this.windowMs);
  }

  add(time: number): void {
    let index = this.times.length;
    while (index > 0 && (this.times[index - 1] ?? 0) > time) index -= 1;
    this.times.splice(index, 0, time);
  }

  /** Gives back a grant not used (its caller went away while waiting). */
  remove(time: number): void {
    const index = this.times.indexOf(time);
    if (index >= 0) this.times.splice(index, 1);
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) <= now - this.windowMs) drop += 1;
    if (drop > 0) this.times.splice(0, drop);
  }
}
