import { describe, expect, it } from 'vitest';
import { createChooser } from '../../../bench/budget/create-chooser.js';
import { thinkTimeOf, workloadCeilingPerMinute } from '../../../bench/budget/run-dashboard.js';

describe('the dashboard workload’s ceiling', () => {
  it('is what the users can send at all: one operation per think time each (1–3 s)', () => {
    const thinks = [0, 1, 2].map((user) => thinkTimeOf(createChooser({ seed: 42, user, partnerCount: 300, productCodes: ['a', 'b'] })));
    for (const think of thinks) expect(think >= 1000 && think <= 3000).toBe(true);
    const expected = thinks.reduce((sum, think) => sum + 60_000 / think, 0);
    expect(workloadCeilingPerMinute(3, 42)).toBeCloseTo(expected, 6);
    const fifty = workloadCeilingPerMinute(50, 42);
    expect(fifty > 50 * 20 && fifty < 50 * 60).toBe(true);
  });
});
