/**
 * Readiness: every readable endpoint answers one cheap list call (`?limit=1`, through the client, so
 * within its rate limit and concurrency cap), checked once at start; an endpoint that failed is
 * checked again at the next `/readyz`, one that passed never is. After that the report is the
 * upstream's live state (the breaker), with no call.
 */
import type { RedisHealth } from '../redis/create-redis-link.js';
import type { UpstreamClient } from '../upstream/types.js';
import type { DeliveryCount, DeliveryOutcome } from '../webhooks/create-webhook-counters.js';
import { resolveRequestId } from '../upstream/resolve-request-id.js';
import { findBjetError } from './build-format-error.js';

export interface ReadinessEndpoint {
  readonly name: string;
  /**
   * `forward` auth: a check carries no client credentials, so a 401/403 still proves the endpoint
   * is up and answering.
   */
  readonly forwardAuth: boolean;
}

export interface ReadinessOptions {
  readonly client: UpstreamClient;
  readonly endpoints: readonly ReadinessEndpoint[];
  readonly timeoutMs: number;
  /**
   * The shared state's connection, when replicas share Redis: reported, but a replica without it
   * still serves (local state), so it stays ready.
   */
  readonly redis?: (() => RedisHealth) | undefined;
  /** The webhook's deliveries so far, when webhooks are on: reported (a quiet feed is no reason to be unready). */
  readonly webhooks?: (() => readonly DeliveryCount[]) | undefined;
}

export interface ReadyReport {
  readonly ready: boolean;
  readonly body: {
    readonly status: 'ready' | 'unready';
    /** Endpoint name → `ok` or the error code of its last check. */
    readonly endpoints: Readonly<Record<string, string>>;
    /** Breaker scopes that are not closed (`reads partners` → `open`); empty when all are. */
    readonly breakers: Readonly<Record<string, string>>;
    readonly redis?: { readonly status: string; readonly since: string; readonly lastError?: string };
    /** Deliveries the webhook took since start, by outcome (with webhooks on). */
    readonly webhooks?: { readonly deliveries: Readonly<Record<DeliveryOutcome, number>> };
  };
}

export interface Readiness {
  /** Checks every endpoint not found healthy yet; concurrent callers share one round of checks. */
  check(): Promise<void>;
  /** Checks what still needs it, then reports. */
  report(): Promise<ReadyReport>;
}

function redisOf(read: (() => RedisHealth) | undefined): Pick<ReadyReport['body'], 'redis'> {
  if (read === undefined) return {};
  const health = read();
  return {
    redis: { status: health.status, since: new Date(health.since).toISOString(), ...(health.lastError === null ? {} : { lastError: health.lastError }) },
  };
}

export function createReadiness(options: ReadinessOptions): Readiness {
  const results = new Map<string, string>(options.endpoints.map((endpoint) => [endpoint.name, 'UNCHECKED']));
  let round: Promise<void> | null = null;
  const checkOne = async (endpoint: ReadinessEndpoint): Promise<void> => {
    try {
      await options.client.list(endpoint.name, { limit: '1' }, { requestId: resolveRequestId(undefined), deadline: Date.now() + options.timeoutMs });
      results.set(endpoint.name, 'ok');
    } catch (error) {
      const code = findBjetError(error)?.code ?? 'INTERNAL_SERVER_ERROR';
      results.set(endpoint.name, endpoint.forwardAuth && (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') ? 'ok' : code);
    }
  };
  const check = (): Promise<void> => {
    round ??= Promise.all(options.endpoints.filter((endpoint) => results.get(endpoint.name) !== 'ok').map(checkOne)).then(() => {
      round = null;
    });
    return round;
  };
  return {
    check,
    async report() {
      if ([...results.values()].some((result) => result !== 'ok')) await check();
      const scopes = (options.client.status?.().breakers ?? []).filter((scope) => scope.state !== 'closed');
      const breakers = Object.fromEntries(scopes.map((scope) => [`${scope.methods} ${scope.endpoint}`, scope.state]));
      const endpoints = Object.fromEntries(results);
      const ready =
        options.endpoints.length > 0 && Object.values(endpoints).every((result) => result === 'ok') && !scopes.some((scope) => scope.state === 'open');
      return { ready, body: { status: ready ? 'ready' : 'unready', endpoints, breakers, ...redisOf(options.redis), ...webhooksOf(options.webhooks) } };
    },
  };
}

function webhooksOf(read: (() => readonly DeliveryCount[]) | undefined): Pick<ReadyReport['body'], 'webhooks'> {
  if (read === undefined) return {};
  const deliveries: Record<DeliveryOutcome, number> = { applied: 0, ignored: 0, refused: 0 };
  for (const count of read()) deliveries[count.outcome] += count.deliveries;
  return { webhooks: { deliveries } };
}
