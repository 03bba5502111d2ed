/**
 * Inputs checked before they go upstream (docs/serving.md): well-formed UTF-8 text only, a length
 * limit for strings and lists, a request-target limit, and a `limit` over the page size refused.
 * Each is BAD_USER_INPUT with no REST call.
 */
import { describe, expect, it } from 'vitest';
import type { GraphQLResponse } from '../../support/start-stack.js';
import { useStackPerFile } from '../../support/use-stack-per-file.js';

const stack = useStackPerFile();

const BY_NAME = 'query ($name: String) { partners(filter: { name: $name }) { items { id } } }';
const BY_IDS = 'query ($ids: [ID!]) { partners(filter: { ids: $ids }) { items { id } } }';

async function postRaw(body: Buffer): Promise<GraphQLResponse> {
  const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLResponse['body'], text };
}

function expectBadInput(response: GraphQLResponse, message: string): void {
  expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(response.body.errors?.[0]?.message).toContain(message);
  expect(stack.calls()).toHaveLength(0);
}

describe('inputs', () => {
  it('refuses invalid UTF-8 bytes in a filter string, in variables or in the query text', async () => {
    const inVariables = Buffer.concat([
      Buffer.from(`{"query":${JSON.stringify(BY_NAME)},"variables":{"name":"caf`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    expectBadInput(await postRaw(inVariables), '"filter.name" is not well-formed UTF-8 text');
    const inQuery = Buffer.concat([
      Buffer.from('{"query":"{ partners(filter: { name: \\"x'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\\" }) { items { id } } }"}'),
    ]);
    expectBadInput(await postRaw(inQuery), '"filter.name" is not well-formed UTF-8 text');
  });

  it('refuses a lone surrogate in a filter string or an id', async () => {
    expectBadInput(await postRaw(Buffer.from(`{"query":${JSON.stringify(BY_NAME)},"variables":{"name":"a\\ud800"}}`)), 'not well-formed');
    const byId = JSON.stringify('query ($id: ID!) { partner(id: $id) { id } }');
    expectBadInput(await postRaw(Buffer.from(`{"query":${byId},"variables":{"id":"\\udc00x"}}`)), '"id" is not well-formed');
  });

  it('passes well-formed text through, accents and emoji included', async () => {
    const response = await stack.gql(BY_NAME, { name: 'café 😀' });
    expect(response.body.errors).toBeUndefined();
    expect(stack.calls()).toHaveLength(1);
    expect(stack.calls()[0]?.query).toMatchObject({ name: 'café 😀' });
  });

  it('refuses a filter string longer than server.limits.stringLength (1000)', async () => {
    expectBadInput(await stack.gql(BY_NAME, { name: 'x'.repeat(1001) }), '"filter.name" is 1001 characters long, over the limit of 1000.');
  });

  it('refuses a list filter with more elements than server.limits.listLength (100)', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => String(i));
    expectBadInput(await stack.gql(BY_IDS, { ids }), '"filter.ids" has 100000 elements, over the limit of 100.');
  });

  it('refuses a request whose URL would be over server.limits.urlBytes (4096), unsent', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `${i}`.padStart(40, '0'));
    const response = await stack.gql(BY_IDS, { ids });
    expectBadInput(response, 'over the limit of 4096');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ endpoint: 'partners', limit: 4096 });
  });

  it('refuses a limit over the endpoint maxPageSize with a clear error instead of clamping it', async () => {
    const response = await stack.gql('{ partners(limit: 1000000) { items { id } } }');
    expectBadInput(response, '"limit" is 1000000, over the page size of partners (at most 100)');
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'limit', maxPageSize: 100 });
  });

  it('still answers a limit of exactly maxPageSize', async () => {
    const response = await stack.gql('{ partners(limit: 100) { pageInfo { limit } } }');
    expect(response.body.data).toEqual({ partners: { pageInfo: { limit: 100 } } });
  });
});
