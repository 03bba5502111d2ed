import { describe, expect, it } from 'vitest';
import { createStalenessTracker } from '../../../bench/budget/create-staleness-tracker.js';

const partner = (id: number, name: string) => [{ id, name, city: null }];
const NONE_FLAGGED = { flaggedStaleReads: 0, flaggedWorstMs: 0 };

describe('createStalenessTracker', () => {
  it('the first answer that shows the edit gives its staleness; stale reads before it do not', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 1100, 1150, false);
    tracker.observe(partner(5, 'Edited Company 5 #e1'), 1200, 1400, false);
    tracker.observe(partner(5, 'Edited Company 5 #e1'), 1500, 1600, false);
    expect(tracker.summary()).toEqual({
      ...NONE_FLAGGED,
      edits: 1,
      samplesMs: [400],
      // The first read after the edit (sent at 1100) came back at 1150, still old.
      firstReadMs: [150],
      neverShown: 0,
      unread: 0,
      worstMs: 400,
      worstIsLowerBound: false,
      worstServedMs: 150,
    });
  });

  it('an edit never shown counts with its last stale read as a lower bound; one never read is unread', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.edited(9, '#e2', 1000);
    tracker.observe(partner(5, 'Old Name'), 2000, 2500, false);
    tracker.observe(partner(5, 'Old Name'), 3000, 9000, false);
    expect(tracker.summary()).toEqual({
      ...NONE_FLAGGED,
      edits: 2,
      samplesMs: [],
      firstReadMs: [],
      neverShown: 1,
      unread: 1,
      worstMs: 8000,
      worstIsLowerBound: true,
      worstServedMs: 8000,
    });
  });

  it('a request sent before the edit that shows the old value is not a stale read', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 900, 5000, false);
    expect(tracker.summary()).toMatchObject({ neverShown: 0, unread: 1, worstMs: 0 });
  });

  it('a second edit of the same partner closes the first: other partners and null names are ignored', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 1500, 1600, false);
    tracker.observe(
      [
        { id: 7, name: 'Edited Company 5 #e1', city: null },
        { id: 5, name: null, city: 'x' },
      ],
      1700,
      1800,
      false,
    );
    tracker.edited(5, '#e2', 2000);
    tracker.observe(partner(5, 'Edited Company 5 #e2'), 2100, 2300, false);
    expect(tracker.summary()).toEqual({
      ...NONE_FLAGGED,
      edits: 2,
      samplesMs: [300],
      firstReadMs: [300],
      neverShown: 1,
      unread: 0,
      worstMs: 600,
      worstIsLowerBound: true,
      worstServedMs: 600,
    });
  });

  it('answers flagged as stale are counted apart from the promise', () => {
    const tracker = createStalenessTracker();
    tracker.edited(5, '#e1', 1000);
    tracker.observe(partner(5, 'Old Name'), 1100, 1200, false);
    tracker.observe(partner(5, 'Old Name'), 1300, 40_000, true);
    tracker.observe(partner(5, 'Edited Company 5 #e1'), 41_000, 41_100, false);
    expect(tracker.summary()).toMatchObject({ worstServedMs: 200, flaggedStaleReads: 1, flaggedWorstMs: 39_000, samplesMs: [40_100] });
  });
});
