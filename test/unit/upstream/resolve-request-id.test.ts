import { describe, expect, it } from 'vitest';
import { resolveRequestId } from '../../../src/upstream/resolve-request-id.js';
import { isForwardable, pickForwardedHeaders } from '../../../src/upstream/pick-forwarded-headers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it('keeps a well-formed client id', () => {
    expect(resolveRequestId('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(resolveRequestId('a'.repeat(128))).toBe('a'.repeat(128));
  });

  it('replaces a missing, empty, too long or unsafe id with a fresh UUID', () => {
    for (const bad of [undefined, '', 'a'.repeat(129), 'a b', 'x\r\nInjected: 1', 'é', 'a/b']) {
      const id = resolveRequestId(bad);
      expect(id).toMatch(UUID);
    }
    expect(resolveRequestId(undefined)).not.toBe(resolveRequestId(undefined));
  });
});

describe('pickForwardedHeaders', () => {
  it('keeps allow-listed headers, joins repeated ones, drops the rest', () => {
    const picked = pickForwardedHeaders(['Accept-Language', 'x-multi', 'te', 'proxy-connection', 'cookie', 'x-absent'], {
      'accept-language': 'de',
      'x-multi': ['a', 'b'],
      te: 'trailers',
      'proxy-connection': 'keep-alive',
      cookie: 'sid=1',
      'x-not-allowed': '1',
    });
    expect(picked).toEqual({ 'accept-language': 'de', 'x-multi': 'a, b' });
  });

  it('never forwards hop-by-hop, credential or client-owned headers', () => {
    for (const name of [
      'connection',
      'keep-alive',
      'te',
      'trailer',
      'transfer-encoding',
      'upgrade',
      'host',
      'content-length',
      'proxy-authenticate',
      'authorization',
      'cookie',
      'x-request-id',
    ]) {
      expect(isForwardable(name)).toBe(false);
    }
    expect(isForwardable('accept-language')).toBe(true);
  });
});
