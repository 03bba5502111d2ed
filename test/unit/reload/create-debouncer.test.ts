import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from '../../../src/reload/create-debouncer.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createDebouncer', () => {
  it('a burst of pokes runs once, after the quiet period that follows the last', () => {
    let runs = 0;
    const debouncer = createDebouncer(() => void (runs += 1), 200);
    for (let poke = 0; poke < 5; poke += 1) {
      debouncer.poke();
      vi.advanceTimersByTime(150);
    }
    expect(runs).toBe(0);
    vi.advanceTimersByTime(50);
    expect(runs).toBe(1);
    debouncer.poke();
    vi.advanceTimersByTime(200);
    expect(runs).toBe(2);
  });

  it('cancel drops a pending run', () => {
    let runs = 0;
    const debouncer = createDebouncer(() => void (runs += 1), 200);
    debouncer.poke();
    debouncer.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(0);
  });
});
