/**
 * Staleness of changes made inside Odoo: the time from an edit to the first answer that shows it.
 * An answer to a request sent after the edit that still shows the old value is a stale read; an edit
 * still unseen at the end counts with the last stale read as its lower bound.
 */
import type { SeenPartner } from './dashboard-operations.js';

export interface StalenessSummary {
  readonly edits: number;
  /** Staleness of each edit an answer showed, in ms. */
  readonly samplesMs: readonly number[];
  /** Edits still not shown at the end although answers were read after them. */
  readonly neverShown: number;
  /** Edits no answer read at all (their record was not asked for). */
  readonly unread: number;
  /** Worst staleness seen: the largest sample or lower bound of an edit never shown. */
  readonly worstMs: number;
  /** True when the worst is a lower bound (an edit never shown). */
  readonly worstIsLowerBound: boolean;
}

export interface StalenessTracker {
  edited(partnerId: number, marker: string, at: number): void;
  observe(partners: readonly SeenPartner[], sentAt: number, receivedAt: number): void;
  summary(): StalenessSummary;
}

interface Pending {
  readonly marker: string;
  readonly at: number;
  lastStaleAt: number | null;
}

export function createStalenessTracker(): StalenessTracker {
  const pending = new Map<number, Pending>();
  const samples: number[] = [];
  let edits = 0;
  let neverShown = 0;
  let unread = 0;
  let worstBound = 0;
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
      pending.set(partnerId, { marker, at, lastStaleAt: null });
    },
    observe(partners, sentAt, receivedAt) {
      for (const partner of partners) {
        const edit = pending.get(partner.id);
        if (edit === undefined || partner.name === null) continue;
        if (partner.name.endsWith(edit.marker)) {
          samples.push(Math.max(0, receivedAt - edit.at));
          pending.delete(partner.id);
        } else if (sentAt > edit.at) edit.lastStaleAt = receivedAt;
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
        neverShown: open.neverShown,
        unread: open.unread,
        worstMs: Math.max(worstSample, open.worstBound),
        worstIsLowerBound: open.worstBound > worstSample,
      };
    },
  };
}
