/**
 * The instants of the requests a proxy let through in the last `lengthMs`, oldest first. A window
 * holds at most its limit of entries (refused requests are not added), so it stays small.
 */
export interface SlidingWindow {
  /** Entries still inside the window at `now`. */
  count(now: number): number;
  add(now: number): void;
  /** Milliseconds from `now` until the oldest entry leaves the window (0 when empty). */
  msUntilRoom(now: number): number;
}

export function createSlidingWindow(lengthMs: number): SlidingWindow {
  let entries: number[] = [];
  let head = 0;
  const trim = (now: number): void => {
    while (head < entries.length && (entries[head] ?? 0) <= now - lengthMs) head += 1;
    // Compacted in batches so that add stays O(1) amortized.
    if (head > 1024 && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  };
  return {
    count(now) {
      trim(now);
      return entries.length - head;
    },
    add(now) {
      entries.push(now);
    },
    msUntilRoom(now) {
      trim(now);
      const oldest = entries[head];
      return oldest === undefined ? 0 : Math.max(0, oldest + lengthMs - now);
    },
  };
}
