/** Deliveries counted by endpoint, event and outcome, for tests and a metrics endpoint to read. */

export type DeliveryOutcome = 'applied' | 'ignored' | 'refused';

export interface DeliveryCount {
  readonly endpoint: string;
  readonly event: string;
  readonly outcome: DeliveryOutcome;
  readonly deliveries: number;
  /** Records applied and ignored (duplicates, older than the last seen) over those deliveries. */
  readonly applied: number;
  readonly ignored: number;
}

export interface WebhookCounters {
  count(endpoint: string, event: string, outcome: DeliveryOutcome, applied?: number, ignored?: number): void;
  /** Sorted by endpoint, event, outcome. */
  snapshot(): readonly DeliveryCount[];
}

export function createWebhookCounters(): WebhookCounters {
  const counts = new Map<string, DeliveryCount>();
  return {
    count(endpoint, event, outcome, applied = 0, ignored = 0) {
      const key = `${endpoint}\u0000${event}\u0000${outcome}`;
      const before = counts.get(key) ?? { endpoint, event, outcome, deliveries: 0, applied: 0, ignored: 0 };
      counts.set(key, { ...before, deliveries: before.deliveries + 1, applied: before.applied + applied, ignored: before.ignored + ignored });
    },
    snapshot() {
      return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, count]) => count);
    },
  };
}
