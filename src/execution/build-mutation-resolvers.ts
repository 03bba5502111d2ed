/**
 * create → POST, update → PUT with only the given fields, delete → DELETE. Each sends exactly one
 * write (never retried), then keeps the operation's loader consistent with what changed.
 */
import { BjetError } from '../errors/bjet-error.js';
import type { EndpointModel } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { WriteBodyBuilder } from './build-write-body.js';
import type { Shaper } from './build-record-shapers.js';
import { identifierOf } from '../shared/identifier-of.js';
import type { ExecutionContext } from './create-execution-context.js';
import type { Resolver } from './resolver-types.js';
import { checkInputText, type TextLimits } from './check-input-text.js';

function inputOf(args: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const input = args['input'];
  return isRecord(input) ? input : {};
}

function idOf(args: Readonly<Record<string, unknown>>, limits: TextLimits): string {
  const id = args['id'];
  if (typeof id === 'string') return checkInputText(id, 'id', limits);
  if (typeof id === 'number') return String(id);
  throw new BjetError('BAD_USER_INPUT', '"id" is required.', { details: { argument: 'id' } });
}

/** Replaces whatever the loader held for the record's id (and a previous id, when it was renamed). */
function remember(ctx: ExecutionContext, endpoint: EndpointModel, record: UpstreamRecord, previousId?: string): void {
  const id = identifierOf(record, endpoint.idKey);
  if (previousId !== undefined) ctx.loaders.clear(endpoint.endpoint, previousId);
  if (id === null) return;
  ctx.loaders.clear(endpoint.endpoint, id);
  ctx.loaders.prime(endpoint.endpoint, [record]);
}

export function buildCreateResolver(endpoint: EndpointModel, body: WriteBodyBuilder, shape: Shaper): Resolver<unknown> {
  return async (_parent, args, ctx) => {
    const record = await ctx.client.create(endpoint.endpoint, body(inputOf(args)), ctx.call);
    remember(ctx, endpoint, record);
    return shape(record);
  };
}

export function buildUpdateResolver(endpoint: EndpointModel, body: WriteBodyBuilder, shape: Shaper, limits: TextLimits): Resolver<unknown> {
  return async (_parent, args, ctx) => {
    const id = idOf(args, limits);
    const answer = await ctx.client.update(endpoint.endpoint, id, body(inputOf(args)), ctx.call);
    if (isRecord(answer) && identifierOf(answer, endpoint.idKey) !== null) {
      remember(ctx, endpoint, answer, id);
      return shape(answer);
    }
    // The upstream answered something other than the record: read it back.
    ctx.loaders.clear(endpoint.endpoint, id);
    const record = await ctx.loaders.load(endpoint.endpoint, id);
    if (record === null) {
      throw new BjetError('UPSTREAM_BAD_RESPONSE', `The updated ${endpoint.typeName} could not be read back.`, {
        details: { endpoint: endpoint.endpoint },
      });
    }
    return shape(record);
  };
}

export function buildDeleteResolver(endpoint: EndpointModel, limits: TextLimits): Resolver<unknown> {
  return async (_parent, args, ctx) => {
    const id = idOf(args, limits);
    await ctx.client.remove(endpoint.endpoint, id, ctx.call);
    ctx.loaders.clear(endpoint.endpoint, id);
    return id;
  };
}
