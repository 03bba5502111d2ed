import { describe, expect, it } from 'vitest';
import { buildAuthorization, buildEndpointRoute, buildQueryString, buildRequest } from '../../../src/upstream/build-request.js';
import type { CallContext } from '../../../src/upstream/types.js';
import { buildTestConfig, TEST_PASSWORD, TEST_TOKEN } from '../../support/upstream-test-config.js';

const config = buildTestConfig('http://127.0.0.1:1/bj_api_sync/v1', {
  upstream: { forwardHeaders: ['Accept-Language', 'connection', 'proxy-authorization', 'authorization', 'cookie', 'x-tenant'] },
  endpoints: { 'sale-orders': { auth: { type: 'forward' } }, countries: { auth: null } },
});
const endpoint = (name: string) => {
  const found = config.endpoints.find((e) => e.name === name);
  if (found === undefined) throw new Error(name);
  return found;
};
const route = (name: string) => buildEndpointRoute(config.upstream, endpoint(name), '/bj_api_sync/v1/');
const ctx: CallContext = { requestId: 'req-1', deadline: Number.MAX_SAFE_INTEGER };

describe('buildAuthorization', () => {
  it('makes Basic and Bearer values and nothing for none and forward', () => {
    expect(buildAuthorization({ type: 'bearer', token: TEST_TOKEN })).toBe('Bearer demo-token');
    expect(buildAuthorization({ type: 'basic', login: 'demo', password: TEST_PASSWORD })).toBe(`Basic ${Buffer.from('demo:demo-password').toString('base64')}`);
    expect(buildAuthorization({ type: 'none' })).toBeNull();
    expect(buildAuthorization({ type: 'forward' })).toBeNull();
  });
});

describe('buildQueryString', () => {
  it('percent-encodes keys and values and keeps their order', () => {
    expect(buildQueryString({ limit: '10', name: 'a&b=c d', 'x y': 'é' })).toBe('?limit=10&name=a%26b%3Dc%20d&x%20y=%C3%A9');
    expect(buildQueryString({})).toBe('');
    expect(buildQueryString(undefined)).toBe('');
  });
});

describe('buildRequest', () => {
  it('builds a by-id path with the id encoded, and its template', () => {
    const built = buildRequest(route('partners'), { method: 'GET', endpoint: 'partners', id: 'a/b?c' }, ctx);
    expect(built.path).toBe('/bj_api_sync/v1/partners/a%2Fb%3Fc');
    expect(built.template).toBe('/partners/{id}');
    expect(built.body).toBeUndefined();
  });

  it('builds a list path with the query and a collection template', () => {
    const built = buildRequest(route('sale-orders'), { method: 'GET', endpoint: 'sale-orders', query: { limit: '5' } }, ctx);
    expect(built.path).toBe('/bj_api_sync/v1/sale-orders?limit=5');
    expect(built.template).toBe('/sale-orders');
  });

  it('sends JSON headers, the request id and the endpoint auth', () => {
    expect(buildRequest(route('partners'), { method: 'GET', endpoint: 'partners' }, ctx).headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-request-id': 'req-1',
      authorization: 'Bearer demo-token',
    });
    expect(buildRequest(route('products'), { method: 'GET', endpoint: 'products' }, ctx).headers['authorization']).toMatch(/^Basic /);
  });

  it('uses the upstream auth when the endpoint has none of its own', () => {
    expect(buildRequest(route('countries'), { method: 'GET', endpoint: 'countries' }, ctx).headers['authorization']).toBe('Bearer demo-token');
  });

  it('forwards the caller Authorization unchanged for forward auth, and nothing when absent', () => {
    const withAuth = buildRequest(route('sale-orders'), { method: 'GET', endpoint: 'sale-orders' }, { ...ctx, authorization: 'Basic dXNlcjpwdw==' });
    expect(withAuth.headers['authorization']).toBe('Basic dXNlcjpwdw==');
    const without = buildRequest(route('sale-orders'), { method: 'GET', endpoint: 'sale-orders' }, ctx);
    expect(without.headers).not.toHaveProperty('authorization');
  });

  it('never sends the caller Authorization to an endpoint with configured auth', () => {
    const built = buildRequest(route('partners'), { method: 'GET', endpoint: 'partners' }, { ...ctx, authorization: 'Bearer user' });
    expect(built.headers['authorization']).toBe('Bearer demo-token');
  });

  it('forwards only allow-listed headers and never hop-by-hop or credential headers', () => {
    const forwardedHeaders = {
      'accept-language': 'fr',
      'x-tenant': 't1',
      connection: 'close',
      'proxy-authorization': 'Basic x',
      authorization: 'Bearer user',
      cookie: 'sid=1',
      'x-other': 'no',
    };
    const built = buildRequest(route('partners'), { method: 'GET', endpoint: 'partners' }, { ...ctx, forwardedHeaders });
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-request-id': 'req-1',
      authorization: 'Bearer demo-token',
      'accept-language': 'fr',
      'x-tenant': 't1',
    });
  });

  it('serializes the body once for writes', () => {
    const built = buildRequest(route('partners'), { method: 'POST', endpoint: 'partners', body: { name: 'A' } }, ctx);
    expect(built.body).toBe('{"name":"A"}');
    expect(built.template).toBe('/partners');
  });
});

describe('buildRequest refuses what must not be sent', () => {
  const short = buildEndpointRoute(config.upstream, endpoint('partners'), '/bj_api_sync/v1/', 300);

  it('refuses an id or query value with U+FFFD or a lone surrogate, as BAD_USER_INPUT', () => {
    expect(() => buildRequest(short, { method: 'GET', endpoint: 'partners', id: 'a\uD800' }, ctx)).toThrow('not well-formed UTF-8 text');
    expect(() => buildRequest(short, { method: 'GET', endpoint: 'partners', query: { name: 'caf\uFFFD' } }, ctx)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('refuses a request target over maxUrlBytes, counting encoded bytes, and accepts one at the limit', () => {
    const base = '/bj_api_sync/v1/partners?name='.length;
    const fits = buildRequest(short, { method: 'GET', endpoint: 'partners', query: { name: 'x'.repeat(300 - base) } }, ctx);
    expect(Buffer.byteLength(fits.path)).toBe(300);
    expect(() => buildRequest(short, { method: 'GET', endpoint: 'partners', query: { name: 'é'.repeat(50) } }, ctx)).toThrow(
      'The request to /partners would be 330 bytes long, over the limit of 300',
    );
  });
});
