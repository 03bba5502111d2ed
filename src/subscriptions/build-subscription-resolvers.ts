/**
 * The Subscription fields of every endpoint readable by id (`partnerChanged(id)`,
 * `partnersChanged(filter)`) and the ChangeKind enum's values. `subscribe` opens the change stream
 * through the subscription's context; `resolve` shapes the record like every other read.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import { BjetError, invariant } from '../errors/bjet-error.js';
import { buildRecordShapers } from '../execution/build-record-shapers.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import { readSdlShape } from '../execution/read-sdl-shape.js';
import { CHANGE_KIND_ENUM } from '../model/naming.js';
import type { ChangePayload } from './create-change-stream.js';
import { isSubscriptionContext } from './subscription-context.js';

type FieldConfig = {
  readonly subscribe: (source: unknown, args: Record<string, unknown>, ctx: unknown) => AsyncIterableIterator<ChangePayload>;
  readonly resolve: (payload: ChangePayload | undefined) => unknown;
};

export function buildSubscriptionResolvers(index: TypeIndex, typeDefs: DocumentNode): GraphQLResolverMap<unknown> {
  const fields = readSdlShape(typeDefs).objectFields.get('Subscription');
  if (fields === undefined) return {};
  const shapers = buildRecordShapers(index);
  const subscription: Record<string, FieldConfig> = {};
  for (const endpoint of index.endpoints.values()) {
    const shape = shapers.of(endpoint.typeName);
    const resolve = (payload: ChangePayload | undefined): unknown => {
      // Over HTTP there is no event stream, only this resolver (GraphiQL may send a subscription there).
      if (payload === undefined)
        throw new BjetError('BAD_USER_INPUT', 'Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql, not over HTTP.');
      return { event: payload.event, id: payload.id, record: payload.record === null ? null : shape(payload.record) };
    };
    if (endpoint.subscription === null) continue;
    const { recordField: one, listField: all } = endpoint.subscription;
    if (fields.has(one)) {
      subscription[one] = {
        subscribe: (_source, args, ctx) => {
          invariant(isSubscriptionContext(ctx), 'a subscription runs with a SubscriptionContext');
          return ctx.open(endpoint, { kind: 'record', id: String(args['id']) });
        },
        resolve,
      };
    }
    if (fields.has(all)) {
      subscription[all] = {
        subscribe: (_source, args, ctx) => {
          invariant(isSubscriptionContext(ctx), 'a subscription runs with a SubscriptionContext');
          return ctx.open(endpoint, { kind: 'list', filter: args['filter'] });
        },
        resolve,
      };
    }
  }
  return { Subscription: subscription, [CHANGE_KIND_ENUM]: { CREATED: 'created', UPDATED: 'updated', DELETED: 'deleted' } };
}
