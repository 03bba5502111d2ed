/**
 * Pure request building. Everything that does not change per call (the path prefix, the auth
 * header, the allow-list) is computed once per endpoint into an `EndpointRoute`; a call only adds
 * its id, query, request id and forwarded headers.
 */
import type { AuthConfig, EndpointConfig, TimeoutsConfig, UpstreamConfig } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';
import { isWellFormedText } from './is-well-formed-text.js';
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
  /** Longest path and query sent (bytes): the proxy's and Odoo's request-line limits are far above it. */
  readonly maxUrlBytes: number;
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

/** Default for routes built without a limit (tests, tools): the server's default `server.limits.urlBytes`. */
const DEFAULT_MAX_URL_BYTES = 4096;

export function buildEndpointRoute(upstream: UpstreamConfig, endpoint: EndpointConfig, basePath: string, maxUrlBytes = DEFAULT_MAX_URL_BYTES): EndpointRoute {
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
    maxUrlBytes,
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

/**
 * Text that must not reach the upstream, refused before anything is sent: encodeURIComponent would
 * throw on a lone surrogate, and U+FFFD is what invalid bytes became.
 */
function checkTexts(route: EndpointRoute, request: UpstreamRequest): void {
  const texts = [request.id ?? '', ...Object.values(request.query ?? {})];
  if (texts.every((text) => isWellFormedText(text))) return;
  throw new BjetError('BAD_USER_INPUT', 'An id or filter value is not well-formed UTF-8 text (invalid bytes, U+FFFD or a lone surrogate).', {
    details: { endpoint: route.endpoint },
  });
}

/** A request target over the limit: the proxy would answer 414 or 431, counted as a failure. */
function checkLength(route: EndpointRoute, path: string): void {
  const bytes = Buffer.byteLength(path, 'utf8');
  if (bytes <= route.maxUrlBytes) return;
  throw new BjetError(
    'BAD_USER_INPUT',
    `The request to ${route.collectionTemplate} would be ${bytes} bytes long, over the limit of ${route.maxUrlBytes}; use shorter or fewer filter values.`,
    { details: { endpoint: route.endpoint, urlBytes: bytes, limit: route.maxUrlBytes } },
  );
}

export function buildRequest(route: EndpointRoute, request: UpstreamRequest, ctx: CallContext): BuiltRequest {
  const hasId = request.id !== undefined;
  checkTexts(route, request);
  const path = (hasId ? `${route.collectionPath}/${encodeURIComponent(request.id)}` : route.collectionPath) + buildQueryString(request.query);
  checkLength(route, path);
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
