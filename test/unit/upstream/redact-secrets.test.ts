import { describe, expect, it } from 'vitest';
import { collectSecrets, redactSecrets, secretsOfAuthorization } from '../../../src/upstream/redact-secrets.js';
import { buildTestConfig } from '../../support/upstream-test-config.js';

describe('collectSecrets', () => {
  it('lists every configured credential once, longest first', () => {
    const config = buildTestConfig('http://127.0.0.1:1/v1', { endpoints: { uom: { auth: { type: 'bearer', token: 'uom-token' } } } });
    expect(collectSecrets(config)).toEqual([Buffer.from('demo:demo-password').toString('base64'), 'demo-password', 'demo-token', 'uom-token']);
  });
});

describe('secretsOfAuthorization', () => {
  it('gives the header and its credential part', () => {
    expect(secretsOfAuthorization('Bearer abc')).toEqual(['Bearer abc', 'abc']);
    expect(secretsOfAuthorization('abc')).toEqual(['abc']);
    expect(secretsOfAuthorization(undefined)).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('removes secrets, Authorization-shaped values and control characters', () => {
    expect(redactSecrets('token demo-token\r\nInjected: bearer xyz', ['demo-token'])).toBe('token [redacted] Injected: bearer [redacted]');
    expect(redactSecrets('user said hunter2', [], ['hunter2'])).toBe('user said [redacted]');
  });
});
