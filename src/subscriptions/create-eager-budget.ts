/**
 * The eager-refresh budget: how many re-reads of pushed hints waiting subscribers may cause, at
 * most `perMinute` in any 60 s (a sliding window of the times taken). An endpoint with its own
 * budget (`webhooks.endpoints.<name>.eagerRefresh`) counts apart; the others share the section's.
 * Per process: each replica re-reads for its own subscribers.
 */
import { EAGER_REFRESH_PER_MINUTE } from '../config/build-feed-config.js';
import type { WebhooksConfig } from '../config/types.js';

const WINDOW_MS = 60_000;

export interface EagerBudget {
  /** Takes one re-read of this endpoint's budget; false when the last 60 s used it all. */
  take(endpoint: string): boolean;
  /** Gives one back (a read was answered without a REST call). */
  giveBack(endpoint: string): void;
}

interface Window {
  readonly perMinute: number;
  readonly taken: number[];
}

export function createEagerBudget(webhooks: WebhooksConfig | null, now: () => number): EagerBudget {
  const shared: Window = { perMinute: webhooks?.eagerRefresh.perMinute ?? EAGER_REFRESH_PER_MINUTE, taken: [] };
  const own = new Map<string, Window>();
  for (const [endpoint, overrides] of Object.entries(webhooks?.endpoints ?? {})) {
    if (overrides.eagerRefresh !== undefined) own.set(endpoint, { perMinute: overrides.eagerRefresh.perMinute, taken: [] });
  }
  const windowOf = (endpoint: string): Window => own.get(endpoint) ?? shared;
  return {
    take(endpoint) {
      const window = windowOf(endpoint);
      const at = now();
      while (window.taken.length > 0 && (window.taken[0] ?? at) <= at - WINDOW_MS) window.taken.shift();
      if (window.taken.length >= window.perMinute) return false;
      window.taken.push(at);
      return true;
    },
    giveBack(endpoint) {
      windowOf(endpoint).taken.pop();
    },
  };
}
