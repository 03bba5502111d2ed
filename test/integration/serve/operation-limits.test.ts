/**
 * Operation limits (docs/serving.md): each refused before execution with its own code, a 400, and
 * no REST call; operations at the limit still run.
 */
import { describe, expect, it } from 'vitest';
import type { GraphQLResponse } from '../../support/start-stack.js';
import { useStackPerFile } from '../../support/use-stack-per-file.js';

const stack = useStackPerFile();

const leafAliases = (count: number): string => Array.from({ length: count }, (_, i) => `a${i}: name`).join(' ');
const nested = (levels: number): string => `{ partners(limit: 1) { items { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;

function expectRefused(response: GraphQLResponse, code: string, limit: number): void {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, limit });
  expect(stack.calls()).toHaveLength(0);
}

describe('operation limits', () => {
  it('refuses more aliases than server.limits.aliases (30)', async () => {
    const response = await stack.gql(`{ partners(limit: 1) { items { ${leafAliases(31)} } } }`);
    expectRefused(response, 'OPERATION_TOO_MANY_ALIASES', 30);
    expect(response.body.errors?.[0]?.extensions?.['found']).toBe(31);
  });

  it('refuses 1,000 aliases of a leaf, and 33,333 (100k tokens), at the token limit while parsing', async () => {
    expectRefused(await stack.gql(`{ partners(limit: 1) { items { ${leafAliases(1000)} } } }`), 'OPERATION_TOO_MANY_TOKENS', 2000);
    expectRefused(await stack.gql(`{ partners(limit: 1) { items { ${leafAliases(33_333)} } } }`), 'OPERATION_TOO_MANY_TOKENS', 2000);
  });

  it('refuses a list literal of 100k tokens in a filter before it goes upstream', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `"${i}"`).join(' ');
    expectRefused(await stack.gql(`{ partners(filter: { ids: [${ids}] }) { items { id } } }`), 'OPERATION_TOO_MANY_TOKENS', 2000);
  });

  it('refuses an operation 50 levels deep, counting every relation hop', async () => {
    const response = await stack.gql(nested(50));
    expectRefused(response, 'OPERATION_TOO_DEEP', 10);
    expect(response.body.errors?.[0]?.extensions?.['found']).toBe(53);
  });

  it('runs an operation at the depth limit', async () => {
    const response = await stack.gql(nested(7));
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('refuses more selected fields than server.limits.fields (200), fragments expanded', async () => {
    const fields = 'id name city street zip phone active '.repeat(15);
    const response = await stack.gql(`{ partners(limit: 1) { items { ...F ...F } } } fragment F on Partner { ${fields} }`);
    expectRefused(response, 'OPERATION_TOO_BROAD', 200);
  });

  it('refuses more root fields than server.limits.rootFields (10)', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `p${i}: partner(id: "${i + 1}") { id }`).join(' ');
    expectRefused(await stack.gql(`{ ${roots} }`), 'OPERATION_TOO_MANY_ROOT_FIELDS', 10);
  });

  it('refuses more directives than server.limits.directives (20)', async () => {
    const fields = Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ');
    expectRefused(await stack.gql(`{ partners(limit: 1) { items { ${fields} } } }`), 'OPERATION_TOO_MANY_DIRECTIVES', 20);
  });

  it('reports every limit an operation exceeds, and nothing from the rules it never reached', async () => {
    const response = await stack.gql(`{ partners(limit: 1) { items { ${leafAliases(31)} nosuchfield } } }`);
    expect(response.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['OPERATION_TOO_MANY_ALIASES']);
    expect(stack.calls()).toHaveLength(0);
  });

  it('still answers the standard introspection query, whose depth is not counted', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await stack.gql(getIntrospectionQuery());
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.['__schema']).toBeDefined();
  });
});
