/**
 * Pure request building. Everything that does not change per call (the path prefix, the auth
 * header, the allow-list) is computed once per endpoint into an `EndpointRoute`; a call only adds
 * its id, query, request id and forwarded headers.
 */
import type { AuthConfig, EndpointConfig, TimeoutsConfig, UpstreamConfig } from '../config/types.js';
import type { HttpMethod } from '../model/source-model.js';
import { isForwardable } from './pick-forwarded-headers.js';
import type { CallContext, UpstreamRequest } from './types.js';

export interface EndpointRoute {
  readonly endpoint: string;
  /** e.g. `/bj_api_sync/v1/partners` (the base URL's path plus the encoded endpoint name). */
  readonly collectionPath: string;
  /** Path templates for errors and logs: `/partners` and `/partners/{id}`. */
  readonly collectionTemplate: string;
  readonly itemTemplate: string;
  /** `Content-Type`, `Accept` and the configured `Authorization`, if any. */
  readonly staticHeaders: Readonly<Record<string, string>>;
  readonly forwardAuth: boolean;
  /** Lower-case client header names that may be forwarded. */
  readonly forwardHeaders: readonly string[];
  readonly timeouts: TimeoutsConfig;
  readonly idKey: string;
}

export interface BuiltRequest {
  readonly method: HttpMethod;
  /** Path and query, relative to the origin. */
  readonly path: string;
  /** Path template, e.g. `/partners/{id}`: safe to show, never the id or the query. */
  readonly template: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** The `Authorization` value a configured auth sends; null for `none` and `forward`. */
export function buildAuthorization(auth: AuthConfig): string | null {
  switch (auth.type) {
    case 'none':
    case 'forward':
      return null;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.login}:${auth.password}`, 'utf8').toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
  }
}

export function buildEndpointRoute(upstream: UpstreamConfig, endpoint: EndpointConfig, basePath: string): EndpointRoute {
  const auth = endpoint.auth ?? upstream.auth;
  const staticHeaders: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const authorization = buildAuthorization(auth);
  if (authorization !== null) staticHeaders['authorization'] = authorization;
  const segment = `/${encodeURIComponent(endpoint.name)}`;
  return {
    endpoint: endpoint.name,
    collectionPath: `${basePath.replace(/\/+$/, '')}${segment}`,
    collectionTemplate: `/${endpoint.name}`,
    itemTemplate: `/${endpoint.name}/{id}`,
    staticHeaders,
    forwardAuth: auth.type === 'forward',
    forwardHeaders: upstream.forwardHeaders.map((name) => name.toLowerCase()).filter(isForwardable),
    timeouts: endpoint.timeouts,
    idKey: endpoint.idKey,
  };
}

/** `?k=v&...` with both sides percent-encoded, or '' for no parameters. */
export function buildQueryString(query: Readonly<Record<string, string>> | undefined): string {
  if (query === undefined) return '';
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out === '' ? '?' : '&'}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  }
  return out;
}

export function buildRequest(route: EndpointRoute, request: UpstreamRequest, ctx: CallContext): BuiltRequest {
  const hasId = request.id !== undefined;
  const path =
    (hasId ? `${route.collectionPath}/${encodeURIComponent(request.id)}` : route.collectionPath) +
    buildQueryString(request.query);
  const headers: Record<string, string> = { ...route.staticHeaders, 'x-request-id': ctx.requestId };
  if (route.forwardAuth && ctx.authorization !== undefined) headers['authorization'] = ctx.authorization;
  if (ctx.traceparent !== undefined) headers['traceparent'] = ctx.traceparent;
  const forwarded = ctx.forwardedHeaders;
  if (forwarded !== undefined) {
    for (const name of route.forwardHeaders) {
      const value = forwarded[name];
      if (value !== undefined) headers[name] = value;
    }
  }
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  return {
    method: request.method,
    path,
    template: hasId ? route.itemTemplate : route.collectionTemplate,
    headers,
    body,
  };
}
