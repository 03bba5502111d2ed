/** Nullable root fields: one failing endpoint nulls its own field, the others keep their data. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack;
beforeAll(async () => {
  // One attempt: the fault answers the only call, so the call counts below are exact.
  stack = await startStack({
    config: (config) => ({ ...config, upstream: { ...config.upstream, retries: { ...config.upstream.retries, attempts: 1 } } }),
  });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  stack.simulator.clearRecords();
  stack.simulator.clearFaults();
});

const DASHBOARD = `{
  countries(limit: 3) { items { id name } }
  partners(limit: 3) { items { id name } }
  productCategories(limit: 3) { items { id name } }
}`;
type Page = { items: { id: string; name: string }[] };

async function restNames(pathAndQuery: string, authorization?: string): Promise<{ id: string; name: string }[]> {
  const response = await fetch(`${stack.simulator.baseUrl}${pathAndQuery}`, { headers: authorization === undefined ? {} : { authorization } });
  const rows = (await response.json()) as { id: number; name: string }[];
  return rows.map((row) => ({ id: String(row.id), name: row.name }));
}

describe('a dashboard over three endpoints', () => {
  it('keeps the two that answered when the third fails, with the error at its path and code', async () => {
    stack.simulator.addFault('partners', { kind: 'status-500', count: 1 });
    const response = await stack.gql(DASHBOARD);
    const data = response.body.data as { countries: Page | null; partners: Page | null; productCategories: Page | null };
    expect(response.status).toBe(200);
    expect(data.partners).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({ path: ['partners'], extensions: { code: 'UPSTREAM_ERROR' } });
    const calls = stack
      .calls()
      .map((call) => `${call.method} ${call.endpoint ?? ''} ${call.status}`)
      .sort();
    expect(calls).toEqual(['GET countries 200', 'GET partners 500', 'GET product-categories 200']);

    stack.simulator.clearRecords();
    expect(data.countries?.items).toEqual(await restNames('/countries?limit=3'));
    expect(data.productCategories?.items).toEqual(await restNames('/product-categories?limit=3'));
  });

  it('answers all three without errors when nothing fails', async () => {
    const response = await stack.gql(DASHBOARD);
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as Record<string, Page | null>;
    expect(Object.values(data).map((page) => page?.items.length)).toEqual([3, 3, 3]);
    expect(stack.calls()).toHaveLength(3);
  });
});
