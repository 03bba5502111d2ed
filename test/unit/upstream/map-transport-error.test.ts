import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/errors/codes.js';
import type { HttpMethod } from '../../../src/model/source-model.js';
import { classifyTransportError, mapTransportError } from '../../../src/upstream/map-transport-error.js';

const sysError = (code: string) => Object.assign(new Error(code), { code });
const site = (method: HttpMethod) => ({ method, endpoint: 'partners', template: '/partners', attempt: 1 });

describe('mapTransportError', () => {
  const cases: readonly [string, unknown, ErrorCode, ErrorCode, boolean][] = [
    ['headers timeout', new errors.HeadersTimeoutError(), 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', true],
    ['body timeout', new errors.BodyTimeoutError(), 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', true],
    ['deadline signal', new DOMException('x', 'TimeoutError'), 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', true],
    ['socket closed', new errors.SocketError('other side closed'), 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', true],
    ['ECONNRESET', sysError('ECONNRESET'), 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', true],
    ['ECONNREFUSED', sysError('ECONNREFUSED'), 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', true],
    ['ENOTFOUND', sysError('ENOTFOUND'), 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', true],
    ['connect timeout', new errors.ConnectTimeoutError(), 'UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT', true],
    ['aborted', new errors.RequestAbortedError(), 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', false],
    ['abort reason', new DOMException('x', 'AbortError'), 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', false],
    ['too large', new errors.ResponseExceededMaxSizeError(), 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', false],
  ];
  it.each(cases)('%s → GET %s, POST %s', (_name, error, getCode, writeCode, getRetryable) => {
    const get = mapTransportError(error, site('GET'), 100);
    expect(get?.error.code).toBe(getCode);
    expect(get?.retryable).toBe(getRetryable);
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const write = mapTransportError(error, site(method), 100);
      expect(write?.error.code).toBe(writeCode);
      expect(write?.retryable).toBe(false);
    }
    expect(get?.error.toExtensions()).toEqual({
      code: getCode,
      upstream: { endpoint: 'partners', method: 'GET', path: '/partners', attempts: 1 },
    });
  });

  it('tells an unresolvable host (DNS) from a refused connection', () => {
    expect(mapTransportError(sysError('ENOTFOUND'), site('GET'), 1)?.error.message).toBe(
      "GET /partners: the upstream's host name could not be resolved (DNS): check upstream.baseUrl",
    );
    expect(mapTransportError(sysError('ECONNREFUSED'), site('GET'), 1)?.error.message).toBe('GET /partners: the upstream refused the connection');
  });

  it('lets anything else through as a bug', () => {
    expect(mapTransportError(new TypeError('boom'), site('GET'), 1)).toBeNull();
    expect(classifyTransportError('x')).toBe('unknown');
  });
});
