import { describe, expect, it } from 'vitest';
import { buildCorsOrigin } from '../../../src/server/build-cors-origin.js';

const allows = (origins: readonly string[], origin: string): boolean => {
  const built = buildCorsOrigin(origins);
  return built === true || built.some((entry) => (typeof entry === 'string' ? entry === origin : entry.test(origin)));
};

describe('buildCorsOrigin', () => {
  it('allows any port for an entry ending in :*, and nothing else of that host', () => {
    const loopback = ['http://127.0.0.1:*', 'http://localhost:*'];
    expect(allows(loopback, 'http://localhost:5173')).toBe(true);
    expect(allows(loopback, 'http://127.0.0.1:4000')).toBe(true);
    expect(allows(loopback, 'https://localhost:5173')).toBe(false);
    expect(allows(loopback, 'http://localhost.example.com:80')).toBe(false);
    expect(allows(loopback, 'http://127.0.0.1:4000.example.com')).toBe(false);
    expect(allows(loopback, 'http://127x0x0x1:4000')).toBe(false);
  });

  it('keeps exact origins exact and * as any', () => {
    expect(buildCorsOrigin(['https://app.example.com'])).toEqual(['https://app.example.com']);
    expect(buildCorsOrigin(['https://app.example.com', '*'])).toBe(true);
  });
});
