/** The simulator's outbound side: what an Odoo admin configures on BJET's "Request Type: Out" configurations. */
import type { SimAuth } from '../types.js';

/** For tests: what a flaky network or a retrying module does to deliveries. */
export interface OutboundFaults {
  /** Probability that a call is never sent (a push that never arrives). */
  readonly drop?: number;
  /** Probability that a call is sent twice (a retry after a lost answer). */
  readonly duplicate?: number;
  /** Send calls pairwise out of order (the second change first). */
  readonly reorder?: boolean;
  /** Wait this long before each call. */
  readonly delayMs?: number;
}

export interface OutboundOptions {
  /** Base Request URL, e.g. `http://127.0.0.1:4000/hooks/bjet`; the endpoint (and event) are appended. */
  readonly url: string;
  readonly auth: SimAuth;
  /** Static custom headers of the configuration (e.g. `X-Api-Key`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The event in the URL path (`/partners/deleted`, default) or in the `X-Bjet-Event` header. */
  readonly eventIn?: 'path' | 'header';
  /** "Is Paginated": changes within `batchWindowMs` go as one array of up to `pageSize` (default false: one call per record). */
  readonly paginated?: boolean;
  readonly batchWindowMs?: number;
  readonly pageSize?: number;
  /** The module's defaults: connection 5 s, read 15 s. */
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  /** Retries after a failed call (network error, 5xx, 429) with exponential backoff from `backoffMs` (default 3, 500). */
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly faults?: OutboundFaults;
  /** Seed of the fault draws (default 7). */
  readonly seed?: number;
}

export interface OutboundStats {
  /** HTTP calls made (retries and duplicates included). */
  readonly calls: number;
  /** Deliveries answered 2xx. */
  readonly delivered: number;
  /** Deliveries given up (retries spent, or a 4xx). */
  readonly failed: number;
  readonly retried: number;
  readonly dropped: number;
}

export interface Outbound {
  readonly stats: OutboundStats;
  /** Resolves when nothing is waiting to be sent or in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}
