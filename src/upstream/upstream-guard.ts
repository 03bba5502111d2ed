/**
 * The protection of one upstream: the breaker of the call's scope (fail fast; one per endpoint and
 * method class, breaker-scopes.ts), the concurrency cap (FIFO queue) and the optional rate limiter
 * (both vendor limits), applied in that order to every attempt. The cap and the limiter are shared
 * by the whole upstream (ours, not a library's: docs/decisions/0002).
 * Each refusal is a BjetError naming the call; none of them touches the network.
 */
import type { Logger } from 'pino';
import type { BjetError } from '../errors/bjet-error.js';
import type { UpstreamConfig } from '../config/types.js';
import { BreakerScopes, methodClassOf, type BreakerScope } from './breaker-scopes.js';
import type { BreakerTransition, CircuitBreaker } from './circuit-breaker.js';
import { ConcurrencyLimiter, LimiterWaitError } from './concurrency-limiter.js';
import { RateLimitWaitError, type CredentialKey, type RateLimiter } from './rate-limit-types.js';
import type { CallAbandon } from './share-in-flight.js';
import type { CallContext } from './types.js';
import { upstreamFailure, type CallSite } from './upstream-failure.js';

export class UpstreamGuard {
  readonly limiter: ConcurrencyLimiter;
  readonly breakers: BreakerScopes;

  constructor(
    config: UpstreamConfig,
    private readonly now: () => number,
    private readonly logger: Logger | undefined,
    /** null = no rate limit. */
    readonly rateLimiter: RateLimiter | null,
  ) {
    this.limiter = new ConcurrencyLimiter(config.concurrency);
    this.breakers = new BreakerScopes(config.breaker);
  }

  /**
   * Waits for the right to send one attempt (until the deadline, or until its callers abandon
   * it); on success the caller must call `exit` once.
   */
  async enter(site: CallSite, ctx: CallContext, abandon: CallAbandon | undefined, credential: CredentialKey): Promise<void> {
    const breaker = this.breakerOf(site);
    if (breaker.isOpen(this.now())) throw this.breakerOpen(site);
    if (!this.limiter.tryAcquire()) {
      const started = performance.now();
      try {
        await this.limiter.acquire(ctx.deadline - this.now(), abandon?.waitSignal());
      } catch (error) {
        if (error instanceof LimiterWaitError) throw this.deadlinePassed(site, 'waiting for a free connection slot');
        throw error;
      } finally {
        ctx.onWait?.('slot', performance.now() - started);
      }
    }
    try {
      if (this.rateLimiter !== null) await this.takeToken(this.rateLimiter, site, ctx, abandon, credential);
      const { pass, transition } = breaker.tryPass(this.now());
      this.report(site, transition);
      if (!pass) throw this.breakerOpen(site);
    } catch (error) {
      this.limiter.release();
      throw error;
    }
  }

  exit(): void {
    this.limiter.release();
  }

  /** Records what the attempt said about the health of its scope. */
  record(site: CallSite, outcome: 'healthy' | 'unhealthy' | 'neutral'): void {
    const breaker = this.breakerOf(site);
    if (outcome === 'healthy') this.report(site, breaker.onSuccess());
    else if (outcome === 'unhealthy') this.report(site, breaker.onFailure(this.now()));
    else breaker.onNeutral();
  }

  private breakerOf(site: CallSite): CircuitBreaker {
    return this.breakers.of(scopeOf(site));
  }

  private async takeToken(
    rateLimiter: RateLimiter,
    site: CallSite,
    ctx: CallContext,
    abandon: CallAbandon | undefined,
    credential: CredentialKey,
  ): Promise<void> {
    const started = performance.now();
    try {
      await rateLimiter.acquire({
        credential,
        deadline: Math.min(ctx.deadline, ctx.tokenDeadline ?? ctx.deadline),
        priority: ctx.priority ?? 'foreground',
        signal: abandon?.waitSignal(),
      });
      reportTokenWait(ctx, performance.now() - started);
    } catch (error) {
      reportTokenWait(ctx, performance.now() - started);
      if (!(error instanceof RateLimitWaitError)) throw this.deadlinePassed(site, 'waiting for the rate limit');
      const which = error.budget === 'perMinute' ? 'per-minute' : 'hourly per-credential';
      throw upstreamFailure('UPSTREAM_RATE_LIMITED', site, `the local ${which} rate limit has no request left before the deadline`, {
        retryAfterMs: error.retryAfterMs,
      });
    }
  }

  private breakerOpen(site: CallSite): BjetError {
    const scope = scopeOf(site);
    return upstreamFailure('UPSTREAM_UNAVAILABLE', site, `the upstream's ${scope.methods} of ${scope.endpoint} are failing; their circuit breaker is open`);
  }

  private deadlinePassed(site: CallSite, where: string): BjetError {
    return upstreamFailure('UPSTREAM_TIMEOUT', site, `the operation deadline passed or it was cancelled while ${where}`);
  }

  private report(site: CallSite, transition: BreakerTransition): void {
    if (transition === null) return;
    const { endpoint, methods } = scopeOf(site);
    this.logger?.warn({ breaker: transition.to, from: transition.from, endpoint, methods }, 'upstream circuit breaker');
  }
}

/** A token granted at once resolves in microseconds; a millisecond or more was a wait (or a Redis round trip). */
function reportTokenWait(ctx: CallContext, ms: number): void {
  if (ms >= 1) ctx.onWait?.('token', ms);
}

function scopeOf(site: CallSite): BreakerScope {
  return { endpoint: site.endpoint, methods: methodClassOf(site.method) };
}
