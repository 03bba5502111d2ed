/**
 * The operations measured, as GraphQL text for the generated schema (bjet-graphql and Apollo
 * defaults), as GraphQL text for Mesh's own schema (aliased to the same field names), and as a route
 * of the direct REST floor. Every contender's answer is compared with one canonical `data` value.
 */

export type QueryId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'M1' | 'C1';

export interface BenchQuery {
  readonly id: QueryId;
  readonly title: string;
  /** Text for the generated schema. */
  readonly graphql: string;
  /** Text for Mesh's schema, or null when Mesh has no equivalent operation (with the reason). */
  readonly mesh: string | null;
  readonly meshNote?: string;
  /** Mesh's `data` into the canonical shape (Mesh lists are bare, ours are pages). */
  readonly fromMesh?: (data: Record<string, unknown>) => unknown;
  /** Path of the direct REST floor's route. */
  readonly restPath: string;
  /** Grows the upstream's data: bounded in requests, never with an expected body under load. */
  readonly mutation: boolean;
  /** Only checked for correctness, never timed. */
  readonly checkOnly: boolean;
}

export const PAGE_SIZE = 20;
export const Q4_PARTNER_ID = 7;

/** 100 representations over 67 distinct partner ids: every third one repeats an earlier id. */
export function q5PartnerIds(): number[] {
  const ids: number[] = [];
  let next = 1;
  for (let index = 0; index < 100; index += 1) {
    if (index % 3 === 2) ids.push(ids[(index * 7) % ids.length] ?? 1);
    else {
      ids.push(next);
      next += 4;
    }
  }
  return ids;
}

const pageOf =
  (field: string) =>
  (data: Record<string, unknown>): unknown => ({ [field]: { items: data[field] } });

const q5Representations = q5PartnerIds()
  .map((id) => `{ __typename: "Partner", id: "${id}" }`)
  .join(', ');

export const M1_NAME = 'Bench M1 Partner';

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    id: 'Q1',
    title: 'page of 20 partners, scalars only',
    graphql: `{ partners(limit: ${PAGE_SIZE}) { items { id name isCompany customerRank creditLimit active } } }`,
    mesh: `{ partners(limit: ${PAGE_SIZE}) { id name isCompany: is_company customerRank: customer_rank creditLimit: credit_limit active } }`,
    fromMesh: pageOf('partners'),
    restPath: '/q1',
    mutation: false,
    checkOnly: false,
  },
  {
    id: 'Q2',
    title: 'page of 20 partners with country { code } (not embedded)',
    graphql: `{ partners(limit: ${PAGE_SIZE}) { items { id name country { code } } } }`,
    mesh: `{ partners(limit: ${PAGE_SIZE}) { id name country { code } } }`,
    fromMesh: pageOf('partners'),
    restPath: '/q2',
    mutation: false,
    checkOnly: false,
  },
  {
    id: 'Q3',
    title: '20 sale orders → partner → country (three levels)',
    graphql: `{ saleOrders(limit: ${PAGE_SIZE}) { items { id name amountTotal partner { id name country { code } } } } }`,
    mesh: `{ saleOrders(limit: ${PAGE_SIZE}) { id name amountTotal: amount_total partner { id name country { code } } } }`,
    fromMesh: pageOf('saleOrders'),
    restPath: '/q3',
    mutation: false,
    checkOnly: false,
  },
  {
    id: 'Q4',
    title: 'one partner by id (country name embedded)',
    graphql: `{ partner(id: "${Q4_PARTNER_ID}") { id name isCompany country { name } } }`,
    mesh: `{ partner(id: ${Q4_PARTNER_ID}) { id name isCompany: is_company country: country_id { name } } }`,
    restPath: '/q4',
    mutation: false,
    checkOnly: false,
  },
  {
    id: 'Q5',
    title: '_entities for 100 Partner representations (a third duplicates)',
    graphql: `{ _entities(representations: [${q5Representations}]) { ... on Partner { id name } } }`,
    mesh: null,
    meshNote: 'Mesh composes a supergraph served by Hive Gateway, which does not expose the subgraph field _entities',
    restPath: '/q5',
    mutation: false,
    checkOnly: false,
  },
  {
    id: 'M1',
    title: 'createPartner mutation',
    graphql: `mutation { createPartner(input: { name: "${M1_NAME}", isCompany: true }) { name isCompany } }`,
    mesh: `mutation { createPartner(input: { name: "${M1_NAME}", is_company: true }) { name isCompany: is_company } }`,
    restPath: '/m1',
    mutation: true,
    checkOnly: false,
  },
  {
    id: 'C1',
    title: "Odoo's `false` for empty values (correctness only)",
    graphql: `{ partners(limit: ${PAGE_SIZE}) { items { id contactEmail phone zip } } }`,
    mesh: `{ partners(limit: ${PAGE_SIZE}) { id contactEmail: contact_email phone zip } }`,
    fromMesh: pageOf('partners'),
    restPath: '/c1',
    mutation: false,
    checkOnly: true,
  },
];
