/**
 * The vendor's proxy in front of Odoo: admits a request when its client IP has room in the last 60 s
 * and its credential in the last 3600 s, and counts what it let through and refused.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ProxyLimitSpec, ProxyStats } from '../types.js';
import { createProxyTally, type ProxyTally } from './create-proxy-tally.js';
import { createSlidingWindow, type SlidingWindow } from './sliding-window.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export type ProxyVerdict = { readonly ok: true } | { readonly ok: false; readonly limit: 'minute' | 'hour'; readonly retryAfterSeconds: number };

export interface ProxyGate {
  /** `authorization` is hashed at once and never kept. */
  admit(ip: string, authorization: string | undefined): ProxyVerdict;
  stats(): ProxyStats;
  reset(): void;
}

interface Credential {
  readonly id: string;
  readonly scheme: string;
  readonly window: SlidingWindow;
}

export function createProxyGate(limits: ProxyLimitSpec, clock: () => number): ProxyGate {
  // A keyed hash: a demo token is short enough to guess back from a plain digest.
  const key = randomBytes(32);
  let ips = new Map<string, { readonly passed: SlidingWindow; readonly offered: SlidingWindow }>();
  let credentials = new Map<string, Credential>();
  let tally: ProxyTally = createProxyTally(clock());
  const credentialOf = (authorization: string | undefined): Credential => {
    const digest = createHmac('sha256', key)
      .update(authorization ?? '')
      .digest('base64url');
    let found = credentials.get(digest);
    if (found === undefined) {
      const scheme = authorization === undefined ? 'none' : (/^\S+/.exec(authorization)?.[0] ?? 'none');
      found = { id: `c${credentials.size + 1}`, scheme, window: createSlidingWindow(HOUR_MS) };
      credentials.set(digest, found);
    }
    return found;
  };
  // `offered` counts refused requests too (for the stats only): what the client sent, not what passed.
  const windowsOf = (ip: string): { readonly passed: SlidingWindow; readonly offered: SlidingWindow } => {
    let found = ips.get(ip);
    if (found === undefined) ips.set(ip, (found = { passed: createSlidingWindow(MINUTE_MS), offered: createSlidingWindow(MINUTE_MS) }));
    return found;
  };
  return {
    admit(ip, authorization) {
      const now = clock();
      const { passed: ipWindow, offered } = windowsOf(ip);
      offered.add(now);
      tally.offered(offered.count(now));
      const credential = credentialOf(authorization);
      const refusal = refuse(limits, now, ipWindow, credential.window);
      if (refusal !== null) {
        tally.refused(now, credential.id, refusal.limit);
        return refusal;
      }
      ipWindow.add(now);
      credential.window.add(now);
      tally.accepted(now, credential.id, ipWindow.count(now), credential.window.count(now));
      return { ok: true };
    },
    stats: () =>
      tally.stats(
        limits,
        [...credentials.values()].map(({ id, scheme }) => ({ id, scheme })),
      ),
    reset() {
      ips = new Map();
      credentials = new Map();
      tally = createProxyTally(clock());
    },
  };
}

function refuse(limits: ProxyLimitSpec, now: number, ip: SlidingWindow, credential: SlidingWindow): Extract<ProxyVerdict, { ok: false }> | null {
  if (limits.perMinute !== null && ip.count(now) >= limits.perMinute) {
    return { ok: false, limit: 'minute', retryAfterSeconds: seconds(ip.msUntilRoom(now)) };
  }
  if (limits.perHourPerCredential !== null && credential.count(now) >= limits.perHourPerCredential) {
    return { ok: false, limit: 'hour', retryAfterSeconds: seconds(credential.msUntilRoom(now)) };
  }
  return null;
}

/** Whole seconds, at least 1: a `Retry-After` of 0 would invite an immediate retry that fails again. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
