import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import type { ErrorCode } from '../../../src/errors/codes.js';
import { readResponse, type RawResponse, type ReadContext } from '../../../src/upstream/read-response.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const rc: ReadContext = {
  site: { method: 'GET', endpoint: 'partners', template: '/partners/{id}', attempt: 2 },
  secrets: ['demo-password', 'demo-token'],
  extraSecrets: [],
  now: NOW,
};
const JSON_TYPE = 'application/json';
const raw = (status: number, text: string, contentType: string | undefined = JSON_TYPE, retryAfter?: string): RawResponse => ({
  status,
  text,
  contentType,
  retryAfter,
});

function failure(response: RawResponse, context: ReadContext = rc): BjetError {
  try {
    readResponse(response, context);
  } catch (error) {
    if (error instanceof BjetError) return error;
    throw error;
  }
  throw new Error('expected a BjetError');
}

describe('readResponse: every status maps to its code', () => {
  const table: readonly [number, ErrorCode][] = [
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'METHOD_NOT_ALLOWED'],
    [409, 'UPSTREAM_ERROR'],
    [422, 'UPSTREAM_ERROR'],
    [429, 'UPSTREAM_RATE_LIMITED'],
    [500, 'UPSTREAM_ERROR'],
    [502, 'UPSTREAM_ERROR'],
    [503, 'UPSTREAM_ERROR'],
    [504, 'UPSTREAM_ERROR'],
    [302, 'UPSTREAM_ERROR'],
  ];
  it.each(table)('%i → %s', (status, code) => {
    const error = failure(raw(status, '{"message":"nope"}'));
    expect(error.code).toBe(code);
    expect(error.message).toBe(`GET /partners/{id}: upstream answered ${status}: nope`);
    expect(error.toExtensions()).toEqual({
      code,
      upstream: { status, endpoint: 'partners', method: 'GET', path: '/partners/{id}', attempts: 2 },
    });
  });
});

describe('readResponse: bodies', () => {
  it('reads 2xx JSON and an empty body', () => {
    expect(readResponse(raw(200, '[{"id":1}]'), rc)).toEqual({ status: 200, body: [{ id: 1 }] });
    expect(readResponse(raw(201, ''), rc)).toEqual({ status: 201, body: null });
  });

  it('reads the mapping-line body into lineId and statusCode', () => {
    const error = failure(raw(400, '{"error":"bad value","line_id":"12","status_code":"VALIDATION"}'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('bad value');
    expect(error.upstream).toMatchObject({ status: 400, lineId: '12', statusCode: 'VALIDATION' });
  });

  it('keeps lineId on a 500 mapping-line failure', () => {
    const error = failure(raw(500, '{"error":"script failed","line_id":7,"status_code":"SCRIPT"}'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.upstream).toMatchObject({ lineId: '7', statusCode: 'SCRIPT' });
  });

  it('reads the legacy body, even under a 2xx status', () => {
    const legacy = '{"status":"error","message":"Invalid token","code":401}';
    expect(failure(raw(401, legacy)).code).toBe('UNAUTHENTICATED');
    const under200 = failure(raw(200, legacy));
    expect(under200.code).toBe('UNAUTHENTICATED');
    expect(under200.message).toContain('Invalid token');
    expect(failure(raw(200, '{"status":"error","message":"x"}')).code).toBe('UPSTREAM_ERROR');
  });

  it('maps HTML and non-JSON 2xx bodies to UPSTREAM_BAD_RESPONSE', () => {
    expect(failure(raw(200, '<!DOCTYPE html><html>Odoo</html>', 'text/html')).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(failure(raw(200, '<html>no type</html>', undefined)).code).toBe('UPSTREAM_BAD_RESPONSE');
    const malformed = failure(raw(200, '{"id": 1,'));
    expect(malformed.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(malformed.message).toBe('GET /partners/{id}: upstream answered 200 with a body that is not JSON');
  });

  it('maps an unreadable 2xx of a write to UPSTREAM_WRITE_OUTCOME_UNKNOWN (applied as far as we know)', () => {
    const write = (method: 'POST' | 'PUT' | 'DELETE'): ReadContext => ({ ...rc, site: { ...rc.site, method, attempt: 1 } });
    const created = failure(raw(201, '{"id": 1,'), write('POST'));
    expect(created.code).toBe('UPSTREAM_WRITE_OUTCOME_UNKNOWN');
    expect(created.message).toBe(
      'POST /partners/{id}: applied as far as we know (not retried; read the record before trying again): upstream answered 201 with a body that is not JSON',
    );
    expect(created.upstream?.status).toBe(201);
    expect(failure(raw(200, '<html>ok</html>', 'text/html'), write('PUT')).code).toBe('UPSTREAM_WRITE_OUTCOME_UNKNOWN');
    expect(failure(raw(200, 'deleted', 'text/plain'), write('DELETE')).code).toBe('UPSTREAM_WRITE_OUTCOME_UNKNOWN');
    // A failed status stays what it says, for a write too.
    expect(failure(raw(502, '<html>Bad Gateway</html>', 'text/html'), write('POST')).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('maps an HTML page under a 5xx to UPSTREAM_BAD_RESPONSE, under a defined 4xx to that status', () => {
    const page = '<html><body>Internal Server Error</body></html>';
    const error = failure(raw(500, page, 'text/html; charset=utf-8'));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.message).toBe('GET /partners/{id}: upstream answered 500 with an HTML page');
    expect(error.upstream?.status).toBe(500);
    expect(failure(raw(404, page, 'text/html')).code).toBe('NOT_FOUND');
    expect(failure(raw(405, page, 'text/html')).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('reads Retry-After in seconds and as an HTTP date on a 429', () => {
    expect(failure(raw(429, '', JSON_TYPE, '3')).upstream?.retryAfterMs).toBe(3000);
    const date = new Date(NOW + 5000).toUTCString();
    expect(failure(raw(429, '', JSON_TYPE, date)).upstream?.retryAfterMs).toBe(5000);
    expect(failure(raw(429, '', JSON_TYPE, 'soon')).upstream).not.toHaveProperty('retryAfterMs');
  });
});

describe('readResponse: secrets', () => {
  it('removes configured secrets, forwarded credentials and Authorization values from upstream text', () => {
    const echo = JSON.stringify({
      message: 'bad Authorization: Bearer demo-token; password=demo-password; fwd=user-secret; Basic Zm9vOmJhcg==',
    });
    const error = failure(raw(401, echo), { ...rc, extraSecrets: ['Bearer user-secret', 'user-secret'] });
    const text = `${error.message} ${JSON.stringify(error.toExtensions())}`;
    for (const secret of ['demo-token', 'demo-password', 'user-secret', 'Zm9vOmJhcg==']) expect(text).not.toContain(secret);
    expect(error.message).toContain('[redacted]');
  });

  it('cuts a long upstream message', () => {
    const error = failure(raw(500, JSON.stringify({ message: 'x'.repeat(5000) })));
    expect(error.message.length).toBeLessThan(400);
  });
});
