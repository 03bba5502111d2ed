/**
 * Staleness of changes made inside Odoo: the time from an edit to the first answer that shows it.
 * An answer to a request sent after the edit that still shows the old value is a stale read; an edit
 * still unseen at the end counts with the last stale read as its lower bound.
 *
 * The cache's promise is about stale reads: an answer not flagged as stale (no `STALE_ANSWER`
 * warning) never shows an edit older than TTL + stale window. `worstServedMs` is the longest such an
 * answer still showed the old value; flagged answers (stale-if-error or stale-if-limited, which the
 * response says) are counted apart.
 */
import type { SeenPartner } from './dashboard-operations.js';

export interface StalenessSummary {
  readonly edits: number;
  /** Staleness of each edit an answer showed, in ms. */
  readonly samplesMs: readonly number[];
  /**
   * For each edit an answer showed: the time from the edit to the first answer to a request sent
   * after it, whatever that answer showed. The workload's own floor: however fresh the cache, an
   * edit is not shown before someone reads it.
   */
  readonly firstReadMs: readonly number[];
  /** Edits still not shown at the end although answers were read after them. */
  readonly neverShown: number;
  /** Edits no answer read at all (their record was not asked for). */
  readonly unread: number;
  /** Worst staleness seen: the largest sample or lower bound of an edit never shown. */
  readonly worstMs: number;
  /** True when the worst is a lower bound (an edit never shown). */
  readonly worstIsLowerBound: boolean;
  /** Longest an answer not flagged as stale still showed an edit's old value, in ms (0 when none did). */
  readonly worstServedMs: number;
  /** Answers flagged as stale that showed an edit's old value, and the longest of them, in ms. */
  readonly flaggedStaleReads: number;
  readonly flaggedWorstMs: number;
}

export interface StalenessTracker {
  edited(partnerId: number, marker: string, at: number): void;
  /** `flagged`: the answer said it was stale (a `STALE_ANSWER` warning). */
  observe(partners: readonly SeenPartner[], sentAt: number, receivedAt: number, flagged: boolean): void;
  summary(): StalenessSummary;
}

interface Pending {
  readonly marker: string;
  readonly at: number;
  lastStaleAt: number | null;
  firstReadAt: number | null;
}

export function createStalenessTracker(): StalenessTracker {
  const pending = new Map<number, Pending>();
  const samples: number[] = [];
  const firstReads: number[] = [];
  let edits = 0;
  let neverShown = 0;
  let unread = 0;
  let worstBound = 0;
  let worstServed = 0;
  let flaggedReads = 0;
  let flaggedWorst = 0;
  const close = (edit: Pending): void => {
    if (edit.lastStaleAt === null) unread += 1;
    else {
      neverShown += 1;
      worstBound = Math.max(worstBound, edit.lastStaleAt - edit.at);
    }
  };
  return {
    edited(partnerId, marker, at) {
      edits += 1;
      const earlier = pending.get(partnerId);
      if (earlier !== undefined) close(earlier);
      pending.set(partnerId, { marker, at, lastStaleAt: null, firstReadAt: null });
    },
    observe(partners, sentAt, receivedAt, flagged) {
      for (const partner of partners) {
        const edit = pending.get(partner.id);
        if (edit === undefined || partner.name === null) continue;
        if (sentAt > edit.at) edit.firstReadAt ??= receivedAt;
        if (partner.name.endsWith(edit.marker)) {
          samples.push(Math.max(0, receivedAt - edit.at));
          firstReads.push(Math.max(0, (edit.firstReadAt ?? receivedAt) - edit.at));
          pending.delete(partner.id);
        } else if (sentAt > edit.at) {
          edit.lastStaleAt = receivedAt;
          if (flagged) {
            flaggedReads += 1;
            flaggedWorst = Math.max(flaggedWorst, receivedAt - edit.at);
          } else worstServed = Math.max(worstServed, receivedAt - edit.at);
        }
      }
    },
    summary() {
      let open = { neverShown, unread, worstBound };
      for (const edit of pending.values()) {
        if (edit.lastStaleAt === null) open = { ...open, unread: open.unread + 1 };
        else open = { ...open, neverShown: open.neverShown + 1, worstBound: Math.max(open.worstBound, edit.lastStaleAt - edit.at) };
      }
      const worstSample = Math.max(0, ...samples);
      return {
        edits,
        samplesMs: [...samples],
        firstReadMs: [...firstReads],
        neverShown: open.neverShown,
        unread: open.unread,
        worstMs: Math.max(worstSample, open.worstBound),
        worstIsLowerBound: open.worstBound > worstSample,
        worstServedMs: worstServed,
        flaggedStaleReads: flaggedReads,
        flaggedWorstMs: flaggedWorst,
      };
    },
  };
}
