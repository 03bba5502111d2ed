/** The proxy's counts: totals, fixed 60 s windows since the start, busiest sliding windows, per credential. */
import type { ProxyCredentialStats, ProxyLimitSpec, ProxyStats, ProxyWindow } from '../types.js';

/** About a week of minutes: a long-running simulator keeps the most recent ones. */
const MAX_WINDOWS = 10_000;

export interface ProxyTally {
  /** Requests from one IP in the 60 s up to now, refused ones included. */
  offered(inMinute: number): void;
  accepted(now: number, credential: string, inMinute: number, inHour: number): void;
  refused(now: number, credential: string, limit: 'minute' | 'hour'): void;
  stats(limits: ProxyLimitSpec, credentials: readonly { readonly id: string; readonly scheme: string }[]): ProxyStats;
}

interface PerCredential {
  accepted: number;
  refused: number;
  busiestHour: number;
}

export function createProxyTally(origin: number): ProxyTally {
  const windows = new Map<number, { accepted: number; refused: number }>();
  const perCredential = new Map<string, PerCredential>();
  const totals = { accepted: 0, perMinute: 0, perHour: 0, busiestMinute: 0, busiestMinuteOffered: 0 };
  const windowAt = (now: number): { accepted: number; refused: number } => {
    const index = Math.floor((now - origin) / 60_000);
    let found = windows.get(index);
    if (found === undefined) {
      windows.set(index, (found = { accepted: 0, refused: 0 }));
      if (windows.size > MAX_WINDOWS) windows.delete(Math.min(...windows.keys()));
    }
    return found;
  };
  const credentialAt = (id: string): PerCredential => {
    let found = perCredential.get(id);
    if (found === undefined) perCredential.set(id, (found = { accepted: 0, refused: 0, busiestHour: 0 }));
    return found;
  };
  return {
    offered(inMinute) {
      totals.busiestMinuteOffered = Math.max(totals.busiestMinuteOffered, inMinute);
    },
    accepted(now, credential, inMinute, inHour) {
      totals.accepted += 1;
      totals.busiestMinute = Math.max(totals.busiestMinute, inMinute);
      windowAt(now).accepted += 1;
      const counts = credentialAt(credential);
      counts.accepted += 1;
      counts.busiestHour = Math.max(counts.busiestHour, inHour);
    },
    refused(now, credential, limit) {
      if (limit === 'minute') totals.perMinute += 1;
      else totals.perHour += 1;
      windowAt(now).refused += 1;
      credentialAt(credential).refused += 1;
    },
    stats(limits, credentials) {
      const list: ProxyWindow[] = [...windows.entries()].sort(([a], [b]) => a - b).map(([index, counts]) => ({ startMs: index * 60_000, ...counts }));
      const byCredential: ProxyCredentialStats[] = credentials.map(({ id, scheme }) => ({ id, scheme, ...credentialAt(id) }));
      return {
        limits,
        accepted: totals.accepted,
        refused: { total: totals.perMinute + totals.perHour, perMinute: totals.perMinute, perHour: totals.perHour },
        busiestMinute: totals.busiestMinute,
        busiestMinuteOffered: totals.busiestMinuteOffered,
        windows: list,
        credentials: byCredential,
      };
    },
  };
}
