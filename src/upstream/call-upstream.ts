/**
 * One logical call: request building, sharing with an identical GET in flight, the guarded
 * attempts, the GET-only retry loop, accounting (`ctx.onCall`) and logging. Writes are attempted
 * exactly once; only a GET stops when its operation is cancelled, and only before it is sent
 * (share-in-flight.ts says when its callers have abandoned it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { BjetError } from '../errors/bjet-error.js';
import type { RetryConfig } from '../config/types.js';
import { answerHealth } from './answer-health.js';
import { buildRequest, type BuiltRequest, type EndpointRoute } from './build-request.js';
import { mapTransportError } from './map-transport-error.js';
import { readResponse } from './read-response.js';
import { secretsOfAuthorization } from './redact-secrets.js';
import { isRetryableStatus, planRetry } from './retry-policy.js';
import { sendRequest } from './send-request.js';
import { SERVICE_KEY, type CredentialKeys } from './credential-keys.js';
import type { CallAbandon, InFlightGets } from './share-in-flight.js';
import type { CallContext, UpstreamRequest, UpstreamResponse } from './types.js';
import { upstreamFailure, type CallSite } from './upstream-failure.js';
import type { UpstreamGuard } from './upstream-guard.js';

/** What every call of one client shares. */
export interface ClientState {
  readonly guard: UpstreamGuard;
  readonly retries: RetryConfig;
  readonly maxBytes: number;
  readonly secrets: readonly string[];
  readonly poolFor: (connectMs: number) => Dispatcher;
  readonly logger: Logger | undefined;
  readonly now: () => number;
  readonly random: () => number;
  /** Identical GETs in flight share one call (share-in-flight.ts). */
  readonly inFlight: InFlightGets<UpstreamAnswer>;
  /** Names the credential of a call for the hourly rate limit. */
  readonly credentials: CredentialKeys;
  /** Endpoint name → the name of its configured credential (endpoints may have different ones). */
  readonly serviceKeys: ReadonlyMap<string, string>;
}

/** A 2xx answer and the attempt that got it (for shape errors raised by the caller). */
export interface UpstreamAnswer extends UpstreamResponse {
  readonly attempt: number;
}

type Attempt = { readonly ok: true; readonly response: UpstreamResponse } | { readonly ok: false; readonly error: BjetError; readonly retryable: boolean };

const NO_SECRETS: readonly string[] = [];

export async function callUpstream(state: ClientState, route: EndpointRoute, request: UpstreamRequest, ctx: CallContext): Promise<UpstreamAnswer> {
  const built = buildRequest(route, request, ctx);
  if (built.method !== 'GET') {
    // A write is not aborted when its operation's client goes away: once asked for, it is sent and
    // its outcome logged, never dropped halfway (the deadline still applies).
    return sendWithRetries(state, route, built, ctx, undefined);
  }
  return state.inFlight.run(route, built, ctx, (abandon) => sendWithRetries(state, route, built, ctx, abandon));
}

async function sendWithRetries(
  state: ClientState,
  route: EndpointRoute,
  built: BuiltRequest,
  ctx: CallContext,
  abandon: CallAbandon | undefined,
): Promise<UpstreamAnswer> {
  const extraSecrets = route.forwardAuth ? secretsOfAuthorization(ctx.authorization) : NO_SECRETS;
  for (let attempt = 1; ; attempt += 1) {
    const site: CallSite = { method: built.method, endpoint: route.endpoint, template: built.template, attempt };
    const outcome = await attemptOnce(state, route, built, site, ctx, abandon, extraSecrets);
    if (outcome.ok) return { status: outcome.response.status, body: outcome.response.body, attempt };
    if (!outcome.retryable || built.method !== 'GET') throw outcome.error;
    const delay = planRetry(
      state.retries,
      { attempt, retryAfterMs: outcome.error.upstream?.retryAfterMs, remainingMs: ctx.deadline - state.now() },
      state.random,
    );
    if (delay === null) throw outcome.error;
    state.logger?.warn(
      { endpoint: route.endpoint, path: built.template, attempt, code: outcome.error.code, delayMs: delay, requestId: ctx.requestId },
      'upstream retry',
    );
    try {
      await sleep(delay, undefined, { signal: abandon?.waitSignal() });
    } catch {
      throw outcome.error;
    }
  }
}

async function attemptOnce(
  state: ClientState,
  route: EndpointRoute,
  built: BuiltRequest,
  site: CallSite,
  ctx: CallContext,
  abandon: CallAbandon | undefined,
  extraSecrets: readonly string[],
): Promise<Attempt> {
  if (ctx.deadline - state.now() <= 0) throw upstreamFailure('UPSTREAM_TIMEOUT', site, 'the operation deadline passed before the request was sent');
  if (wasAbandoned(abandon)) throw cancelledBeforeSending(site);
  await state.guard.enter(site, ctx, abandon, credentialOf(state, route, ctx));
  // Its callers may have gone while it waited for a slot or a token that came anyway.
  if (wasAbandoned(abandon)) {
    state.guard.exit();
    throw cancelledBeforeSending(site);
  }
  const started = performance.now();
  let status: number | null = null;
  try {
    const remainingMs = Math.max(1, ctx.deadline - state.now());
    const deadlineBound = remainingMs < route.timeouts.readMs;
    const raw = await sendRequest(state.poolFor(route.timeouts.connectMs), built, {
      timeoutMs: deadlineBound ? remainingMs : route.timeouts.readMs,
      maxBytes: state.maxBytes,
      // undici's read timeouts tick every ~500 ms; a deadline closer than the read timeout gets a
      // precise timer of its own (only then, to keep the common path allocation-free). A request on
      // the wire is never aborted for a cancelled operation: that would cost the connection and
      // save no upstream work.
      signal: deadlineBound ? AbortSignal.timeout(remainingMs) : undefined,
    });
    status = raw.status;
    state.guard.record(site, answerHealth(raw));
    const rc = { site, secrets: state.secrets, extraSecrets, now: state.now() };
    try {
      return { ok: true, response: readResponse(raw, rc) };
    } catch (error) {
      if (!(error instanceof BjetError)) throw error;
      return { ok: false, error, retryable: isRetryableStatus(raw.status) };
    }
  } catch (error) {
    const failure = mapTransportError(error, site, state.maxBytes);
    state.guard.record(site, failure === null ? 'neutral' : failure.unhealthy ? 'unhealthy' : 'neutral');
    if (failure === null) throw error;
    return { ok: false, error: failure.error, retryable: failure.retryable };
  } finally {
    state.guard.exit();
    finish(state, site, status, performance.now() - started, ctx);
  }
}

/** Forwarded: the user's key; configured: the endpoint's own credential (endpoints may differ). */
function credentialOf(state: ClientState, route: EndpointRoute, ctx: CallContext): string {
  if (state.guard.rateLimiter === null) return SERVICE_KEY;
  if (route.forwardAuth) return state.credentials.ofUser(ctx);
  return state.serviceKeys.get(route.endpoint) ?? SERVICE_KEY;
}

function wasAbandoned(abandon: CallAbandon | undefined): boolean {
  return abandon?.abandoned === true;
}

function cancelledBeforeSending(site: CallSite): BjetError {
  return upstreamFailure('UPSTREAM_TIMEOUT', site, 'the operation was cancelled (its client went away) before the request was sent');
}

function finish(state: ClientState, site: CallSite, status: number | null, durationMs: number, ctx: CallContext): void {
  ctx.onCall?.({ method: site.method, endpoint: site.endpoint, path: site.template, status, durationMs, attempt: site.attempt });
  const logger = state.logger;
  if (logger !== undefined && logger.isLevelEnabled('debug')) {
    logger.debug(
      {
        method: site.method,
        endpoint: site.endpoint,
        path: site.template,
        status,
        ms: Math.round(durationMs),
        attempt: site.attempt,
        requestId: ctx.requestId,
      },
      'upstream call',
    );
  }
}
