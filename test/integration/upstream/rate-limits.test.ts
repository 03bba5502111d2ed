import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/upstream-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const USERS = { tokens: ['token-user-a', 'token-user-b'], restricted: {} };

describe('the hourly limit per credential', () => {
  it('refuses, unsent, a credential whose hour is spent, while another user and another credential go on', async () => {
    h = await startHarness({
      simulator: { visibility: { partners: USERS } },
      config: { upstream: { rateLimit: { perMinute: null, perHourPerCredential: 1 } }, endpoints: { partners: { auth: { type: 'forward' } } } },
    });
    const harness = h;
    const as = (user: string, deadlineMs = 10_000) => harness.ctx({ authorization: `Bearer token-user-${user}`, deadline: Date.now() + deadlineMs });
    await harness.client.get('partners', '1', as('a'));
    const refused = await harness.failure(harness.client.get('partners', '2', as('a', 200)));
    expect(refused.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(refused.message).toContain('hourly per-credential');
    expect(refused.upstream?.retryAfterMs).toBeGreaterThan(3_000_000);
    await harness.client.get('partners', '3', as('b'));
    // `countries` has no credential (auth none): a budget of its own.
    await harness.client.get('countries', '1', harness.ctx());
    expect(harness.simulator.records.map((record) => record.path.split('/').slice(3).join('/'))).toEqual(['partners/1', 'partners/3', 'countries/1']);
  });

  it('counts endpoints that share a configured credential together', async () => {
    h = await startHarness({ config: { upstream: { rateLimit: { perMinute: null, perHourPerCredential: 1 } } } });
    // partners and sale-orders both use the bearer token of the test config.
    await h.client.get('partners', '1', h.ctx());
    const refused = await h.failure(h.client.get('sale-orders', '1', h.ctx({ deadline: Date.now() + 200 })));
    expect(refused.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(h.records('sale-orders')).toHaveLength(0);
  });
});
