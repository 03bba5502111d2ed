import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLog } from '../../../src/redis/sliding-window-log.js';

describe('SlidingWindowLog', () => {
  it('grants limit calls at once, then the next when the oldest leaves the window', () => {
    const log = new SlidingWindowLog(3, 1000);
    for (const at of [0, 10, 20]) {
      expect(log.earliest(at)).toBe(at);
      log.add(at);
    }
    expect(log.earliest(30)).toBe(1000);
    log.add(1000);
    expect(log.earliest(30)).toBe(1010);
  });

  it('keeps a reserve free for foreground calls', () => {
    const log = new SlidingWindowLog(4, 1000);
    log.add(0);
    log.add(0);
    log.add(0);
    expect(log.earliest(0, 1)).toBe(1000);
    expect(log.earliest(0)).toBe(0);
    expect(new SlidingWindowLog(1, 1000).earliest(0, 1)).toBe(Infinity);
  });

  it('gives a cancelled reservation back', () => {
    const log = new SlidingWindowLog(1, 1000);
    log.add(0);
    log.add(1000);
    log.remove(1000);
    expect(log.earliest(500)).toBe(1000);
  });

  it('never grants more than limit in any window, whatever the arrivals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }), (limit, gaps) => {
        const log = new SlidingWindowLog(limit, 100);
        const granted: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const at = log.earliest(now);
          log.add(at);
          granted.push(at);
        }
        for (const start of granted) expect(granted.filter((at) => at >= start && at < start + 100).length).toBeLessThanOrEqual(limit);
      }),
    );
  });
});
