/**
 * Federation end to end: our subgraph (over the simulator) composed with a second subgraph of the
 * test's own by `@apollo/composition`, served by `@apollo/gateway`. Queries cross both subgraphs; the
 * REST calls behind `_entities` are asserted exactly from the simulator's record, in both forms:
 * one GET per distinct identifier, and one list call when the endpoint has an id-list filter key.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceModel } from '../../src/model/source-model.js';
import type { RequestRecord } from '../../src/simulator/types.js';
import { composeSupergraph, startGateway, type RunningGateway } from '../support/gateway.js';
import { LOYALTY_SDL, loyaltyTierOf, startLoyaltySubgraph, stockLevelOf, type RunningSubgraph } from '../support/gateway-loyalty-subgraph.js';
import { postGraphQL, relativePath, REPO_ROOT, SCHEMA_DIR, startStack, type Stack } from '../support/start-stack.js';

type Row = Readonly<Record<string, unknown>>;

const BASIC = `Basic ${Buffer.from('demo:demo-password').toString('base64')}`;

/** Reads the simulator directly over REST, as the expected values of the GraphQL answers. */
async function restList(stack: Stack, endpoint: string, query: string, authorization: string): Promise<Row[]> {
  const response = await fetch(`${stack.simulator.baseUrl}/${endpoint}?${query}`, { headers: { authorization } });
  expect(response.status).toBe(200);
  return (await response.json()) as Row[];
}

const withoutIdLists = (model: SourceModel): SourceModel => ({
  ...model,
  endpoints: model.endpoints.map((endpoint) => ({ ...endpoint, idListFilter: null })),
});

const summary = (records: readonly RequestRecord[]): string[] => records.map((record) => `${record.method} ${relativePath(record)}`).sort();

const CROSS_QUERY = `query Cross {
  topPartners { id loyaltyTier name isCompany country { name } }
  featuredProducts { defaultCode stockLevel name listPrice }
}`;

describe('federation through @apollo/gateway', () => {
  let perId: Stack;
  let byList: Stack;
  let loyalty: RunningSubgraph;
  let perIdGateway: RunningGateway;
  let byListGateway: RunningGateway;
  let partners: Row[];
  let products: Row[];
  let partnerIds: string[];
  let productCodes: string[];

  beforeAll(async () => {
    // Same seed, same data: one stack calls GET /{id} per record, the other uses the `in` filter keys.
    [perId, byList] = await Promise.all([
      startStack({ simulator: { switches: { inFilter: false } }, model: withoutIdLists }),
      startStack({ simulator: { switches: { inFilter: true } } }),
    ]);
    partners = await restList(perId, 'partners', 'limit=3&offset=10', 'Bearer demo-token');
    products = await restList(perId, 'products', 'limit=2&offset=5', BASIC);
    const ids = partners.map((partner) => String(partner['id']));
    // Five representations, three distinct partners: the repeats must cost no REST call.
    partnerIds = [ids[0], ids[1], ids[2], ids[0], ids[1]].map(String);
    productCodes = products.map((product) => String(product['default_code']));
    loyalty = await startLoyaltySubgraph({ partnerIds, productCodes });
    [perIdGateway, byListGateway] = await Promise.all([
      startGateway([{ name: 'bjet', url: perId.url, sdl: await readSdl() }, loyalty]),
      startGateway([{ name: 'bjet', url: byList.url, sdl: await readSdl() }, loyalty]),
    ]);
  });

  afterAll(async () => {
    await Promise.all([perIdGateway?.close(), byListGateway?.close()]);
    await loyalty?.close();
    await Promise.all([perId?.close(), byList?.close()]);
  });

  function expectedCross(): Row {
    const partnerById = new Map(partners.map((partner) => [String(partner['id']), partner]));
    return {
      topPartners: partnerIds.map((id) => {
        const partner = partnerById.get(id) ?? {};
        const country = partner['country_id'] as Row;
        return { id, loyaltyTier: loyaltyTierOf(id), name: partner['name'], isCompany: partner['is_company'], country: { name: country['name'] } };
      }),
      featuredProducts: products.map((product) => ({
        defaultCode: product['default_code'],
        stockLevel: stockLevelOf(String(product['default_code'])),
        name: product['name'],
        listPrice: product['list_price'],
      })),
    };
  }

  it('completes references from the other subgraph with one GET per distinct identifier', async () => {
    perId.simulator.clearRecords();
    const { body } = await postGraphQL(perIdGateway.url, { query: CROSS_QUERY });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(expectedCross());
    const distinct = [...new Set(partnerIds)];
    expect(summary(perId.simulator.records)).toEqual(
      [...distinct.map((id) => `GET /partners/${id}`), ...productCodes.map((code) => `GET /products/${encodeURIComponent(code)}`)].sort(),
    );
  });

  it('completes references with one list call per endpoint when the id-list key is on', async () => {
    byList.simulator.clearRecords();
    const { body } = await postGraphQL(byListGateway.url, { query: CROSS_QUERY });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(expectedCross());
    const records = byList.simulator.records;
    expect(summary(records)).toEqual(['GET /partners', 'GET /products']);
    const partnerCall = records.find((record) => relativePath(record) === '/partners');
    const productCall = records.find((record) => relativePath(record) === '/products');
    expect(partnerCall?.query['ids']?.split(',').sort()).toEqual([...new Set(partnerIds)].sort());
    expect(productCall?.query['default_codes']?.split(',').sort()).toEqual([...productCodes].sort());
  });

  it("adds the other subgraph's field to a list answered by ours, with one REST call", async () => {
    perId.simulator.clearRecords();
    const { body } = await postGraphQL(perIdGateway.url, { query: '{ partners(limit: 3, offset: 10) { items { id name loyaltyTier } } }' });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      partners: { items: partners.map((partner) => ({ id: String(partner['id']), name: partner['name'], loyaltyTier: loyaltyTierOf(String(partner['id'])) })) },
    });
    expect(summary(perId.simulator.records)).toEqual(['GET /partners']);
  });

  it('answers _entities for duplicated representations of both key kinds with one GET per distinct identifier', async () => {
    const [first, second] = partnerIds;
    const [code] = productCodes;
    const representations = [
      { __typename: 'Partner', id: first },
      { __typename: 'Product', defaultCode: code },
      { __typename: 'Partner', id: second },
      { __typename: 'Partner', id: first },
      { __typename: 'Product', defaultCode: code },
    ];
    perId.simulator.clearRecords();
    const { body } = await postGraphQL(perId.url, {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id name } ... on Product { defaultCode name } } }',
      variables: { r: representations },
    });
    expect(body.errors).toBeUndefined();
    const entities = (body.data?.['_entities'] ?? []) as Row[];
    expect(entities.map((entity) => entity['id'] ?? entity['defaultCode'])).toEqual([first, code, second, first, code]);
    expect(summary(perId.simulator.records)).toEqual(
      [`GET /partners/${String(first)}`, `GET /partners/${String(second)}`, `GET /products/${encodeURIComponent(String(code))}`].sort(),
    );
  });
});

async function readSdl(): Promise<string> {
  return readFile(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8');
}

describe('bjet-graphql print-sdl', () => {
  it('prints the committed SDL, which composes with another subgraph into a supergraph', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), 'print-sdl'], { cwd: REPO_ROOT });
    expect(stdout).toBe(await readSdl());
    const supergraph = composeSupergraph([
      { name: 'bjet', url: 'http://bjet.internal/graphql', sdl: stdout },
      { name: 'loyalty', url: 'http://loyalty.internal/graphql', sdl: LOYALTY_SDL },
    ]);
    expect(supergraph).toMatch(/type Partner\s+@join__type\(graph: BJET, key: "id"\)\s+@join__type\(graph: LOYALTY, key: "id"\)/);
    expect(supergraph).toMatch(/type Product\s+@join__type\(graph: BJET, key: "defaultCode"\)\s+@join__type\(graph: LOYALTY, key: "defaultCode"\)/);
    expect(supergraph).toContain('loyaltyTier: String! @join__field(graph: LOYALTY)');
  });

  it("keeps the REST budget as @cost and @listSize in the supergraph, for a router's demand control", async () => {
    const supergraph = composeSupergraph([
      { name: 'bjet', url: 'http://bjet.internal/graphql', sdl: await readSdl() },
      { name: 'loyalty', url: 'http://loyalty.internal/graphql', sdl: LOYALTY_SDL },
    ]);
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])');
    expect(supergraph).toContain('directive @cost(weight: Int!) on ');
    expect(supergraph).toMatch(
      /\): PartnerPage @join__field\(graph: BJET\) @cost\(weight: 1\) @listSize\(assumedSize: 20, slicingArguments: \["limit"\], sizedFields: \["items"\], requireOneSlicingArgument: false\)/,
    );
    expect(supergraph).toMatch(/\): Partner @join__field\(graph: BJET\) @cost\(weight: 1\)\n/);
    expect(supergraph).toMatch(/type Partner\s+@join__type\(graph: BJET, key: "id"\)\s+@join__type\(graph: LOYALTY, key: "id"\)\s+@cost\(weight: 0\)/);
    expect(supergraph).toContain('country: Country @join__field(graph: BJET) @cost(weight: 1)');
    expect(supergraph).toContain('orderLine: [SaleOrderLine!]! @cost(weight: 1) @listSize(assumedSize: 1)');
    expect(supergraph).toMatch(/updatePartner\([^)]*\): Partner! @cost\(weight: 2\)/);
  });
});
