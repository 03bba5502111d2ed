import { describe, expect, it } from 'vitest';
import { buildWebhooks } from '../../../src/config/build-feed-config.js';
import { createEagerBudget } from '../../../src/subscriptions/create-eager-budget.js';

const auth = { type: 'bearer', token: 't' } as const;

describe('createEagerBudget', () => {
  it('takes at most perMinute in any 60 s: a take leaves the window exactly 60 s later', () => {
    let clock = 1_000_000;
    const budget = createEagerBudget(buildWebhooks({ auth, eagerRefresh: { perMinute: 2 } }), () => clock);
    expect([budget.take('partners'), budget.take('partners'), budget.take('partners')]).toEqual([true, true, false]);
    clock += 59_999;
    expect(budget.take('partners')).toBe(false);
    clock += 1;
    expect([budget.take('partners'), budget.take('partners'), budget.take('partners')]).toEqual([true, true, false]);
  });

  it('shares the section budget between endpoints, and counts an endpoint with its own apart', () => {
    const webhooks = buildWebhooks({ auth, eagerRefresh: { perMinute: 1 }, endpoints: { countries: { eagerRefresh: { perMinute: 2 } } } });
    const budget = createEagerBudget(webhooks, () => 0);
    expect([budget.take('partners'), budget.take('products')]).toEqual([true, false]);
    expect([budget.take('countries'), budget.take('countries'), budget.take('countries')]).toEqual([true, true, false]);
  });

  it('gives a take back; 0 a minute takes nothing; without a webhook section the default is 5', () => {
    const budget = createEagerBudget(buildWebhooks({ auth, eagerRefresh: { perMinute: 1 } }), () => 0);
    expect(budget.take('partners')).toBe(true);
    budget.giveBack('partners');
    expect([budget.take('partners'), budget.take('partners')]).toEqual([true, false]);
    expect(createEagerBudget(buildWebhooks({ auth, eagerRefresh: { perMinute: 0 } }), () => 0).take('partners')).toBe(false);
    const fallback = createEagerBudget(null, () => 0);
    expect(Array.from({ length: 6 }, () => fallback.take('partners'))).toEqual([true, true, true, true, true, false]);
  });
});
