/**
 * The protection of one upstream: the breaker (fail fast), the concurrency cap (FIFO queue) and the
 * optional rate limiter (both vendor limits), applied in that order to every attempt. Each refusal is a BjetError naming
 * the call; none of them touches the network.
 */
import type { Logger } from 'pino';
import type { BjetError } from '../errors/bjet-error.js';
import type { UpstreamConfig } from '../config/types.js';
import { CircuitBreaker, type BreakerTransition } from './circuit-breaker.js';
import { ConcurrencyLimiter, LimiterWaitError } from './concurrency-limiter.js';
import { RateLimitWaitError, type CredentialKey, type RateLimiter } from './rate-limit-types.js';
import type { CallAbandon } from './share-in-flight.js';
import type { CallContext } from './types.js';
import { upstreamFailure, type CallSite } from './upstream-failure.js';

export class UpstreamGuard {
  readonly limiter: ConcurrencyLimiter;
  readonly breaker: CircuitBreaker;

  constructor(
    config: UpstreamConfig,
    private readonly now: () => number,
    private readonly logger: Logger | undefined,
    /** null = no rate limit. */
    readonly rateLimiter: RateLimiter | null,
  ) {
    this.limiter = new ConcurrencyLimiter(config.concurrency);
    this.breaker = new CircuitBreaker(config.breaker);
  }

  /**
   * Waits for the right to send one attempt (until the deadline, or until its callers abandon
   * it); on success the caller must call `exit` once.
   */
  async enter(site: CallSite, ctx: CallContext, abandon: CallAbandon | undefined, credential: CredentialKey): Promise<void> {
    if (this.breaker.isOpen(this.now())) throw this.breakerOpen(site);
    if (!this.limiter.tryAcquire()) {
      try {
        await this.limiter.acquire(ctx.deadline - this.now(), abandon?.waitSignal());
      } catch (error) {
        if (error instanceof LimiterWaitError) throw this.deadlinePassed(site, 'waiting for a free connection slot');
        throw error;
      }
    }
    try {
      if (this.rateLimiter !== null) await this.takeToken(this.rateLimiter, site, ctx, abandon, credential);
      const { pass, transition } = this.breaker.tryPass(this.now());
      this.report(transition);
      if (!pass) throw this.breakerOpen(site);
    } catch (error) {
      this.limiter.release();
      throw error;
    }
  }

  exit(): void {
    this.limiter.release();
  }

  /** Records what the attempt said about the upstream's health. */
  record(outcome: 'healthy' | 'unhealthy' | 'neutral'): void {
    if (outcome === 'healthy') this.report(this.breaker.onSuccess());
    else if (outcome === 'unhealthy') this.report(this.breaker.onFailure(this.now()));
    else this.breaker.onNeutral();
  }

  private async takeToken(
    rateLimiter: RateLimiter,
    site: CallSite,
    ctx: CallContext,
    abandon: CallAbandon | undefined,
    credential: CredentialKey,
  ): Promise<void> {
    try {
      await rateLimiter.acquire({ credential, deadline: ctx.deadline, priority: ctx.priority ?? 'foreground', signal: abandon?.waitSignal() });
    } catch (error) {
      if (!(error instanceof RateLimitWaitError)) throw this.deadlinePassed(site, 'waiting for the rate limit');
      const which = error.budget === 'perMinute' ? 'per-minute' : 'hourly per-credential';
      throw upstreamFailure('UPSTREAM_RATE_LIMITED', site, `the local ${which} rate limit has no request left before the deadline`, {
        retryAfterMs: error.retryAfterMs,
      });
    }
  }

  private breakerOpen(site: CallSite): BjetError {
    return upstreamFailure('UPSTREAM_UNAVAILABLE', site, 'the upstream is failing; the circuit breaker is open');
  }

  private deadlinePassed(site: CallSite, where: string): BjetError {
    return upstreamFailure('UPSTREAM_TIMEOUT', site, `the operation deadline passed or it was cancelled while ${where}`);
  }

  private report(transition: BreakerTransition): void {
    if (transition !== null) this.logger?.warn({ breaker: transition.to, from: transition.from }, 'upstream circuit breaker');
  }
}
