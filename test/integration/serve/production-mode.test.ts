/**
 * Production mode (`server.production`, default from NODE_ENV; docs/serving.md): introspection and
 * GraphiQL off unless enabled, no "Did you mean" suggestions naming schema fields or values, and
 * unexpected errors masked.
 */
import { getIntrospectionQuery } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/start-stack.js';
import { withServer } from './stack-options.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const PRODUCTION = { production: true, introspection: false, graphiql: false } as const;

async function openedInBrowser(url: string): Promise<Response> {
  return fetch(url, { headers: { accept: 'text/html' } });
}

describe('production mode', () => {
  it('refuses introspection and serves no GraphiQL', async () => {
    stack = await startStack(withServer(PRODUCTION));
    const response = await stack.gql(getIntrospectionQuery());
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.data).toBeUndefined();
    const page = await openedInBrowser(stack.url);
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    await page.arrayBuffer();
    expect(stack.calls()).toHaveLength(0);
  });

  it('names no schema field or enum value in validation and coercion errors', async () => {
    stack = await startStack(withServer(PRODUCTION));
    const misspelt = await stack.gql('{ partners { items { activ } } }');
    expect(misspelt.body.errors?.[0]?.message).toBe('Cannot query field "activ" on type "Partner".');
    const badEnum = await stack.gql('query ($s: SaleOrderState) { saleOrders(filter: { state: $s }) { items { id } } }', { s: 'SAL' });
    expect(badEnum.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    for (const response of [misspelt, badEnum]) expect(response.text).not.toMatch(/Did you mean|"active"|"SALE"/);
  });

  it('answers introspection in production when server.introspection says so (for codegen)', async () => {
    stack = await startStack(withServer({ ...PRODUCTION, introspection: true }));
    const response = await stack.gql('{ __schema { queryType { name } } }');
    expect(response.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('keeps introspection, GraphiQL and suggestions outside production', async () => {
    stack = await startStack();
    expect((await stack.gql('{ __schema { queryType { name } } }')).body.errors).toBeUndefined();
    expect((await stack.gql('{ partners { items { activ } } }')).body.errors?.[0]?.message).toContain('Did you mean "active"');
    const page = await openedInBrowser(stack.url);
    expect(await page.text()).toContain('GraphiQL');
  });
});
