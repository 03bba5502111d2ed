import { describe, expect, it } from 'vitest';
import { createChooser } from '../../../bench/budget/create-chooser.js';

const options = { seed: 42, partnerCount: 300, productCodes: ['A_1', 'A_2', 'A_3', 'A_4'] };

describe('createChooser', () => {
  it('draws partner ids Zipf-like over all ids: rank 1 about twice rank 2, every draw within range', () => {
    const chooser = createChooser({ ...options, user: 0 });
    const counts = new Map<number, number>();
    for (let index = 0; index < 20_000; index += 1) {
      const id = chooser.partnerId();
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Math.min(...counts.keys())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts.keys())).toBeLessThanOrEqual(300);
    const ratio = (counts.get(1) ?? 0) / (counts.get(2) ?? 1);
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.3);
    expect(counts.size).toBeGreaterThan(250);
  });

  it('is the same for the same seed and user, and different for another user', () => {
    const draw = (user: number): number[] => {
      const chooser = createChooser({ ...options, user });
      return Array.from({ length: 20 }, () => chooser.partnerId());
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('each user writes its own partner in the second half of the ids, a new value each time', () => {
    const writes = Array.from({ length: 50 }, (_, user) => createChooser({ ...options, user }).nextWrite());
    expect(new Set(writes.map((write) => write.id)).size).toBe(50);
    for (const write of writes) expect(write.id).toBeGreaterThan(150);
    const chooser = createChooser({ ...options, user: 7 });
    expect([chooser.nextWrite().city, chooser.nextWrite().city]).toEqual(['ryw-u7-1', 'ryw-u7-2']);
    expect(options.productCodes).toContain(chooser.productCode());
  });
});
