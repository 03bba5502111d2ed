/**
 * What a subscription's `subscribe` resolver gets as its context (one per subscription, made by
 * register-subscriptions.ts): the way to open its change stream under the connection's limits and
 * credentials. Each event is then executed with a fresh ExecutionContext (its own loaders and
 * budget), so nothing read for one event is served stale to the next.
 */
import type { EndpointModel } from '../model/source-model.js';
import type { ChangePayload } from './create-change-stream.js';
import type { ChangeSelection } from './create-change-topics.js';

export interface SubscriptionContext {
  readonly kind: 'subscription';
  /** Subscribers with the same key read the same records: the connection's Authorization, or '' for none. */
  readonly shareKey: string;
  /** Throws SUBSCRIPTION_LIMIT over a limit, UNAUTHENTICATED for `forward` auth without credentials. */
  open(endpoint: EndpointModel, selection: ChangeSelection): AsyncIterableIterator<ChangePayload>;
}

export function isSubscriptionContext(value: unknown): value is SubscriptionContext {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'subscription';
}
