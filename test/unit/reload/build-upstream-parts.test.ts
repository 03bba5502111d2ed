import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { buildUpstreamParts, closeUnusedParts, type PartsContext } from '../../../src/reload/build-upstream-parts.js';
import { CredentialKeys } from '../../../src/upstream/credential-keys.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

const fixture = loadServeFixture().config;
const config: Config = { ...fixture, upstream: { ...fixture.upstream, rateLimit: { perMinute: 100, perHourPerCredential: 1000 } } };
const context: PartsContext = { shared: null, credentials: new CredentialKeys('secret'), logger: createLogger({ level: 'silent' }), now: () => 0 };
const upstreamWith = (changes: Partial<Config['upstream']>): Config => ({ ...config, upstream: { ...config.upstream, ...changes } });

describe('buildUpstreamParts', () => {
  it('an unchanged config keeps the client, its rate limiter (the budget spent) and the cache store', async () => {
    const first = buildUpstreamParts(config, null, context);
    const again = buildUpstreamParts({ ...config, server: { ...config.server, budget: 3 } }, first, context);
    expect(again.upstream).toBe(first.upstream);
    expect(again.rateLimiter).toBe(first.rateLimiter);
    expect(again.store).toBe(first.store);
    await closeUnusedParts(first, []);
  });

  it('a new client setting makes a new client over the same rate limiter and store', async () => {
    const first = buildUpstreamParts(config, null, context);
    const next = buildUpstreamParts(upstreamWith({ concurrency: config.upstream.concurrency + 1 }), first, context);
    expect(next.upstream).not.toBe(first.upstream);
    expect(next.rateLimiter).toBe(first.rateLimiter);
    expect(next.store).toBe(first.store);
    await closeUnusedParts(first, [next]);
    await closeUnusedParts(next, []);
  });

  it('new limits make a new rate limiter (and client); new cache bounds a new store; new TTLs keep it', async () => {
    const first = buildUpstreamParts(config, null, context);
    const limits = buildUpstreamParts(upstreamWith({ rateLimit: { perMinute: 50, perHourPerCredential: 1000 } }), first, context);
    expect(limits.rateLimiter).not.toBe(first.rateLimiter);
    expect(limits.upstream).not.toBe(first.upstream);
    expect(limits.store).toBe(first.store);
    const cache = config.upstream.cache;
    expect(cache).not.toBeNull();
    if (cache === null) return;
    const ttl = buildUpstreamParts(upstreamWith({ cache: { ...cache, ttlSeconds: cache.ttlSeconds + 5 } }), first, context);
    expect(ttl.store).toBe(first.store);
    const bounds = buildUpstreamParts(upstreamWith({ cache: { ...cache, maxBytes: cache.maxBytes * 2 } }), first, context);
    expect(bounds.store).not.toBe(first.store);
    for (const parts of [limits, ttl, bounds]) await closeUnusedParts(parts, [first]);
    await closeUnusedParts(first, []);
  });
});
