/**
 * The second subgraph of the federation e2e test: a small "loyalty" service of its own that extends
 * our `Partner` (key `id`) and `Product` (key `defaultCode`, a non-`id` identifier) with one field
 * each, and whose root fields return references that only our subgraph can complete (`_entities`).
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { SubgraphSpec } from './gateway.js';

export const LOYALTY_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Partner @key(fields: "id") {
  id: ID!
  loyaltyTier: String!
}

type Product @key(fields: "defaultCode") {
  defaultCode: ID!
  stockLevel: Int!
}

type Query {
  topPartners: [Partner!]!
  featuredProducts: [Product!]!
}
`;

export interface LoyaltyData {
  /** Returned by `topPartners` in this order; repeats are kept (to test de-duplication). */
  readonly partnerIds: readonly string[];
  /** Returned by `featuredProducts` in this order. */
  readonly productCodes: readonly string[];
}

const TIERS = ['bronze', 'silver', 'gold'] as const;

/** Deterministic per id, so the test can compute the expected value. */
export function loyaltyTierOf(id: string): string {
  const sum = [...id].reduce((total, char) => total + char.charCodeAt(0), 0);
  return TIERS[sum % TIERS.length] ?? 'bronze';
}

export function stockLevelOf(defaultCode: string): number {
  return [...defaultCode].reduce((total, char) => (total * 31 + char.charCodeAt(0)) % 1000, 7);
}

interface PartnerRef {
  readonly id: string;
}
interface ProductRef {
  readonly defaultCode: string;
}

function buildLoyaltyResolvers(data: LoyaltyData) {
  return {
    Query: {
      topPartners: (): PartnerRef[] => data.partnerIds.map((id) => ({ id })),
      featuredProducts: (): ProductRef[] => data.productCodes.map((defaultCode) => ({ defaultCode })),
    },
    Partner: {
      __resolveReference: (ref: PartnerRef): PartnerRef => ({ id: ref.id }),
      loyaltyTier: (partner: PartnerRef): string => loyaltyTierOf(partner.id),
    },
    Product: {
      __resolveReference: (ref: ProductRef): ProductRef => ({ defaultCode: ref.defaultCode }),
      stockLevel: (product: ProductRef): number => stockLevelOf(product.defaultCode),
    },
  };
}

export interface RunningSubgraph extends SubgraphSpec {
  close(): Promise<void>;
}

export async function startLoyaltySubgraph(data: LoyaltyData): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema([{ typeDefs: parse(LOYALTY_SDL), resolvers: buildLoyaltyResolvers(data) }]);
  // Inline tracing is for Apollo's usage reporting, which this test does not use.
  const server = new ApolloServer({ schema, includeStacktraceInErrorResponses: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { name: 'loyalty', url, sdl: LOYALTY_SDL, close: () => server.stop() };
}
