/**
 * The Query fields of one endpoint: the list (one GET of `limit + 1` rows; the extra row only says
 * whether a next page exists) and the by-id read through the loader (an unknown id is `null`).
 */
import type { EndpointModel } from '../model/source-model.js';
import { loadShaped, type ShapedRecord, type Shaper } from './build-record-shapers.js';
import { buildPageRequestBuilder } from './build-page-request.js';
import { checkInputText, type TextLimits } from './check-input-text.js';
import type { Resolver } from './resolver-types.js';

export interface Page {
  readonly items: readonly ShapedRecord[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly limit: number; readonly offset: number };
}

export function buildListResolver(endpoint: EndpointModel, defaultPageSize: number, shape: Shaper, limits: TextLimits): Resolver<unknown> {
  const pageRequest = buildPageRequestBuilder(endpoint, defaultPageSize, limits);
  return async (_parent, args, ctx): Promise<Page> => {
    const request = pageRequest(args);
    const pageInfo = { limit: request.limit, offset: request.offset };
    if (request.matchesNothing) return { items: [], pageInfo: { ...pageInfo, hasNextPage: false } };
    const rows = await ctx.client.list(endpoint.endpoint, request.query, ctx.call);
    ctx.loaders.prime(endpoint.endpoint, rows);
    const items = rows.length > request.limit ? rows.slice(0, request.limit) : rows;
    return { items: items.map(shape), pageInfo: { ...pageInfo, hasNextPage: rows.length > request.limit } };
  };
}

export function buildSingleResolver(endpoint: EndpointModel, shape: Shaper, limits: TextLimits): Resolver<unknown> {
  return (_parent, args, ctx) => {
    const id = args['id'];
    if (typeof id === 'string') checkInputText(id, 'id', limits);
    return loadShaped(ctx.loaders, endpoint.endpoint, id, shape);
  };
}
