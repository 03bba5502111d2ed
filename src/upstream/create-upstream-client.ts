/**
 * The upstream client: one keep-alive undici Pool per connect timeout (usually one) for the single
 * upstream origin, one guard shared by every endpoint: the concurrency cap and the rate limit are
 * the upstream's, the circuit breakers are per endpoint and method class (breaker-scopes.ts).
 */
import { Pool } from 'undici';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { BjetError, invariant } from '../errors/bjet-error.js';
import { buildAuthorization, buildEndpointRoute, type EndpointRoute } from './build-request.js';
import { callUpstream, type ClientState } from './call-upstream.js';
import { checkCreated, checkList, checkRecord } from './check-shape.js';
import { createLocalRateLimiter } from './create-local-rate-limiter.js';
import { CredentialKeys, SERVICE_KEY } from './credential-keys.js';
import type { RateLimiter } from './rate-limit-types.js';
import { collectSecrets } from './redact-secrets.js';
import type { CallContext, UpstreamClient, UpstreamRequest, UpstreamResponse } from './types.js';
import { InFlightGets } from './share-in-flight.js';
import { UpstreamGuard } from './upstream-guard.js';

export interface UpstreamClientOptions {
  readonly logger?: Logger;
  /** Epoch-ms clock for deadlines, the breaker and the rate limit (default `Date.now`). */
  readonly now?: () => number;
  /** Source of backoff jitter in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Default: the in-process limiter of `upstream.rateLimit` (null when both limits are off). */
  readonly rateLimiter?: RateLimiter | null;
  /** Default: one keyed by `upstream.credentialKeySecret` (or a random secret). */
  readonly credentialKeys?: CredentialKeys;
}

/** How long an idle keep-alive connection is kept (below Odoo/werkzeug's and common proxies' idle limits). */
const KEEP_ALIVE_MS = 4_000;

export function createUpstreamClient(config: Config, options: UpstreamClientOptions = {}): UpstreamClient {
  const upstream = config.upstream;
  const base = new URL(upstream.baseUrl);
  const now = options.now ?? Date.now;
  const logger = options.logger?.child({ component: 'upstream' });
  const pools = new Map<number, Pool>();
  const poolFor = (connectMs: number): Pool => {
    let pool = pools.get(connectMs);
    if (pool === undefined) {
      pool = new Pool(base.origin, {
        connections: upstream.concurrency,
        keepAliveTimeout: KEEP_ALIVE_MS,
        connect: { timeout: connectMs },
        maxResponseSize: upstream.maxResponseBytes,
      });
      pools.set(connectMs, pool);
    }
    return pool;
  };
  const credentials = options.credentialKeys ?? new CredentialKeys(upstream.credentialKeySecret);
  const rateLimiter = options.rateLimiter === undefined ? createLocalRateLimiter(upstream.rateLimit, now) : options.rateLimiter;
  const state: ClientState = {
    guard: new UpstreamGuard(upstream, now, logger, rateLimiter),
    retries: upstream.retries,
    maxBytes: upstream.maxResponseBytes,
    secrets: collectSecrets(config),
    poolFor,
    logger,
    now,
    random: options.random ?? Math.random,
    inFlight: new InFlightGets(),
    credentials,
    serviceKeys: serviceKeysOf(config, credentials),
  };
  const routes = new Map<string, EndpointRoute>();
  for (const endpoint of config.endpoints) routes.set(endpoint.name, buildEndpointRoute(upstream, endpoint, base.pathname, config.server.limits.urlBytes));
  const routeOf = (endpoint: string): EndpointRoute => {
    const route = routes.get(endpoint);
    invariant(route !== undefined, `unknown endpoint "${endpoint}" (not in the config)`);
    return route;
  };

  return {
    request: (request: UpstreamRequest, ctx: CallContext): Promise<UpstreamResponse> => callUpstream(state, routeOf(request.endpoint), request, ctx),
    async list(endpoint, query, ctx) {
      const route = routeOf(endpoint);
      return checkList(route, await callUpstream(state, route, { method: 'GET', endpoint, query }, ctx));
    },
    async get(endpoint, id, ctx) {
      const route = routeOf(endpoint);
      try {
        return checkRecord(route, 'GET', await callUpstream(state, route, { method: 'GET', endpoint, id }, ctx), true);
      } catch (error) {
        // Decided once: an unknown id is a null field, not an error (docs/errors.md).
        if (error instanceof BjetError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async create(endpoint, body, ctx) {
      const route = routeOf(endpoint);
      return checkCreated(route, await callUpstream(state, route, { method: 'POST', endpoint, body }, ctx));
    },
    async update(endpoint, id, body, ctx) {
      return (await callUpstream(state, routeOf(endpoint), { method: 'PUT', endpoint, id, body }, ctx)).body;
    },
    async remove(endpoint, id, ctx) {
      return (await callUpstream(state, routeOf(endpoint), { method: 'DELETE', endpoint, id }, ctx)).body;
    },
    status: () => ({
      breakers: state.guard.breakers.states().map(({ scope, state: breaker }) => ({ ...scope, state: breaker })),
      inFlight: state.guard.limiter.inFlight,
      queued: state.guard.limiter.queued,
    }),
    async close(closeOptions) {
      await Promise.all([...pools.values()].map((pool) => (closeOptions?.force === true ? pool.destroy() : pool.close())));
      pools.clear();
      if (options.rateLimiter === undefined) await rateLimiter?.close();
    },
  };
}

/** Endpoints with the same configured credential share its hourly budget, as the proxy counts them. */
function serviceKeysOf(config: Config, credentials: CredentialKeys): Map<string, string> {
  const keys = new Map<string, string>();
  for (const endpoint of config.endpoints) {
    const authorization = buildAuthorization(endpoint.auth ?? config.upstream.auth);
    keys.set(endpoint.name, authorization === null ? SERVICE_KEY : credentials.hash('s', authorization));
  }
  return keys;
}
