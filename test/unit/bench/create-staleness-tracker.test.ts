import { describe, expect, it } from 'vitest';
import { createStalenessTracker } from '../../../bench/budget/create-staleness-tracker.js';

const partner = (id: number, name: string) => [{ id, name, city: null }];

describe('createStalenessTracker', () => {
  it('the first answer that shows the edit gives its staleness; stale reads before it do not', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 1100, 1150);
    tracker.observe(partner(5, 'Edited Company 5 #e1'), 1200, 1400);
    tracker.observe(partner(5, 'Edited Company 5 #e1'), 1500, 1600);
    expect(tracker.summary()).toEqual({ edits: 1, samplesMs: [400], neverShown: 0, unread: 0, worstMs: 400, worstIsLowerBound: false });
  });

  it('an edit never shown counts with its last stale read as a lower bound; one never read is unread', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.edited(9, '#e2', 1000);
    tracker.observe(partner(5, 'Old Name'), 2000, 2500);
    tracker.observe(partner(5, 'Old Name'), 3000, 9000);
    expect(tracker.summary()).toEqual({ edits: 2, samplesMs: [], neverShown: 1, unread: 1, worstMs: 8000, worstIsLowerBound: true });
  });

  it('a request sent before the edit that shows the old value is not a stale read', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 900, 5000);
    expect(tracker.summary()).toMatchObject({ neverShown: 0, unread: 1, worstMs: 0 });
  });

  it('a second edit of the same partner closes the first: other partners and null names are ignored', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 1500, 1600);
    tracker.observe(
      [
        { id: 7, name: 'Edited Company 5 #e1', city: null },
        { id: 5, name: null, city: 'x' },
      ],
      1700,
      1800,
    );
    tracker.edited(5, '#e2', 2000);
    tracker.observe(partner(5, 'Edited Company 5 #e2'), 2100, 2300);
    expect(tracker.summary()).toEqual({ edits: 2, samplesMs: [300], neverShown: 1, unread: 0, worstMs: 600, worstIsLowerBound: true });
  });
});
