/**
 * The per-subscription and per-event contexts of the WebSocket server, and the subscription
 * counts the limits are checked against. The connection's `connection_init` payload carries the
 * Authorization used with `forward` auth (`{"Authorization": "Bearer …"}`; `authorization` and
 * `headers.Authorization` are read too), else the upgrade request's own header; it is kept in
 * memory only, never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Config } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import { createExecutionContext, type ExecutionContext } from '../execution/create-execution-context.js';
import type { UpstreamClient } from '../upstream/types.js';
import type { ChangeReader } from './create-change-reader.js';
import type { ChangeTopics } from './create-change-topics.js';
import type { SubscriptionContext } from './subscription-context.js';

export interface SubscriptionContextsOptions {
  readonly config: Config;
  readonly index: TypeIndex;
  readonly reader: ChangeReader;
  readonly topics: ChangeTopics;
  readonly client: UpstreamClient;
  readonly slowConsumerClose: number;
}

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

export interface SubscriptionContexts {
  subscriptionContext(ctx: WsContext): SubscriptionContext;
  executionContext(subscription: unknown): ExecutionContext;
  active(): number;
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (params === undefined) return undefined;
  const headers = params['headers'];
  const nested = typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  for (const value of [params['Authorization'], params['authorization'], nested['Authorization'], nested['authorization']]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export function createSubscriptionContexts(options: SubscriptionContextsOptions): SubscriptionContexts {
  const limits = options.config.subscriptions;
  const perConnection = new WeakMap<object, { active: number }>();
  const authorizations = new WeakMap<object, string | undefined>();
  let serverActive = 0;
  const checkLimits = (connection: { active: number }): void => {
    if (connection.active >= limits.maxPerConnection) {
      throw new BjetError('SUBSCRIPTION_LIMIT', `At most ${limits.maxPerConnection} subscriptions per connection.`, { details: { limit: 'perConnection' } });
    }
    if (serverActive >= limits.maxPerServer) {
      throw new BjetError('SUBSCRIPTION_LIMIT', 'This server has as many subscriptions as it takes; try again later.', { details: { limit: 'perServer' } });
    }
  };
  return {
    subscriptionContext(ctx) {
      const connection = perConnection.get(ctx) ?? { active: 0 };
      perConnection.set(ctx, connection);
      // The payload first (browsers cannot set headers on a WebSocket), else the upgrade request's header (a router propagating it).
      const header = ctx.extra.request.headers.authorization;
      const authorization = authorizationOf(ctx.connectionParams) ?? (typeof header === 'string' && header !== '' ? header : undefined);
      const context: SubscriptionContext = {
        kind: 'subscription',
        shareKey: authorization ?? '',
        open(endpoint, selection) {
          if (options.reader.forwards(endpoint.endpoint) && authorization === undefined) {
            throw new BjetError('UNAUTHENTICATED', 'This endpoint reads with your own credentials: send `Authorization` in the connection_init payload.');
          }
          checkLimits(connection);
          connection.active += 1;
          serverActive += 1;
          return options.topics.open(endpoint, selection, authorization, {
            maxQueued: limits.maxQueuedEvents,
            onOverflow: () => ctx.extra.socket.close(options.slowConsumerClose, 'slow consumer'),
            onEnd: () => {
              connection.active -= 1;
              serverActive -= 1;
            },
          });
        },
      };
      authorizations.set(context, authorization);
      return context;
    },
    executionContext(subscription) {
      const authorization = typeof subscription === 'object' && subscription !== null ? authorizations.get(subscription) : undefined;
      return createExecutionContext({
        client: options.client,
        index: options.index,
        requestId: `subscription-${randomUUID()}`,
        budget: options.config.server.budget,
        deadlineMs: options.config.server.operationDeadlineMs,
        authorization,
      });
    },
    active: () => serverActive,
  };
}
