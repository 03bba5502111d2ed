/**
 * Contract of the vendor's two limits as the client keeps them: the proxy allows a number of
 * requests a minute per egress IP (every call of the upstream, every replica together) and a
 * number an hour per API key (per credential: the service credential, or each user's with
 * `forward` auth). In one process they are token buckets; with replicas they are held in Redis
 * (atomically, shared by all replicas), with a local fallback at 1/N of each budget.
 */

/** Who pays for a call in the hourly budget: a keyed hash, never the credential itself. */
export type CredentialKey = string;

export interface RateLimitRequest {
  readonly credential: CredentialKey;
  /** Epoch ms: a token that would only come after this is not waited for. */
  readonly deadline: number;
  /**
   * `foreground` answers an operation with no cached answer; `background` is a cache refresh or
   * speculative work, which yields when the budget is short.
   */
  readonly priority: 'foreground' | 'background';
  /** Aborts the wait (its callers went away); the reserved tokens are given back. */
  readonly signal?: AbortSignal | undefined;
}

/** Thrown by `acquire` when no token comes before the deadline (nothing was taken). */
export class RateLimitWaitError extends Error {
  constructor(
    /** Which budget was short. */
    readonly budget: 'perMinute' | 'perHourPerCredential',
    /** When a token would be free, for `retryAfterMs`. */
    readonly retryAfterMs: number,
  ) {
    super(`no ${budget} token before the deadline`);
    this.name = 'RateLimitWaitError';
  }
}

export interface RateLimiter {
  /** Resolves once both budgets granted this call a token; rejects with RateLimitWaitError or on abort. */
  acquire(request: RateLimitRequest): Promise<void>;
  close(): Promise<void>;
}
