/**
 * The dashboard's operations: the documents of examples/operations/ for the generated schema
 * (bjet-graphql, Apollo defaults), the same selections in Mesh's own schema, the variables each
 * user draws, and where the partners are in an answer (for staleness).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Chooser } from './create-chooser.js';

export type Dialect = 'generated' | 'mesh';
export type OperationName = 'company-partners' | 'partner-by-id' | 'orders-by-state' | 'product-by-code' | 'update-partner' | 'read-after-write';

export interface GraphqlRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** For a write: what it writes, checked by the read that follows. */
  readonly write?: { readonly id: number; readonly city: string };
}

/** A partner as an answer shows it. */
export interface SeenPartner {
  readonly id: number;
  readonly name: string | null;
  readonly city: string | null;
}

export interface DashboardOperation {
  readonly name: OperationName;
  /** Share of a user's operations, in percent (the read after a write is not drawn: it follows each write). */
  readonly weight: number;
  request(dialect: Dialect, chooser: Chooser): GraphqlRequest;
  partners(dialect: Dialect, data: Readonly<Record<string, unknown>>): SeenPartner[];
}

type Json = Readonly<Record<string, unknown>>;
const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const seen = (value: unknown): SeenPartner[] => {
  const object = asObject(value);
  const id = Number(object.id);
  if (!Number.isInteger(id) || id <= 0) return [];
  const text = (field: unknown): string | null => (typeof field === 'string' ? field : null);
  return [{ id, name: text(object.name), city: text(object.city) }];
};

const MESH = {
  companies: `query CompanyPartners($limit: Int, $offset: Int) { partners(limit: $limit, offset: $offset, is_company: true) { id name city contactEmail: contact_email country { id name } } }`,
  partner: `query PartnerById($id: Int!) { partner(id: $id) { id name type isCompany: is_company country: country_id { name } parent: parent_id { id name } } }`,
  orders: `query OrdersByState($state: String, $limit: Int) { saleOrders(limit: $limit, state: $state) { id name state dateOrder: date_order amountTotal: amount_total partner { id name } orderLine: order_line { id productUomQty: product_uom_qty priceSubtotal: price_subtotal product: product_id { defaultCode: default_code name } } } }`,
  product: `query ProductByCode($code: String!) { product(id: $code) { defaultCode: default_code name listPrice: list_price categ: categ_id { name } uom: uom_id { name } productTags: product_tag_ids { name } } }`,
  update: `mutation UpdatePartnerContact($id: Int!, $city: String) { updatePartner(id: $id, input: { city: $city }) { id name city phone } }`,
  readBack: `query ReadAfterWrite($id: Int!) { partner(id: $id) { id city } }`,
};
const READ_BACK = `query ReadAfterWrite($id: ID!) { partner(id: $id) { id city } }`;

const STATES = ['SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'SALE', 'DRAFT', 'DRAFT', 'SENT'] as const;

/** The operations, with the example documents read from `examplesDir`. */
export function buildDashboardOperations(examplesDir: string): readonly DashboardOperation[] {
  const example = (file: string): string => readFileSync(path.join(examplesDir, file), 'utf8');
  const companies = example('company-partners.graphql');
  const partner = example('partner-by-id.graphql');
  const orders = example('orders-by-state.graphql');
  const product = example('product-by-code.graphql');
  const update = example('update-partner-contact.graphql');
  const pick = (dialect: Dialect, generated: string, mesh: string): string => (dialect === 'generated' ? generated : mesh);
  return [
    {
      name: 'company-partners',
      weight: 25,
      request: (dialect, c) => ({ query: pick(dialect, companies, MESH.companies), variables: { limit: 10, offset: c.pageOffset() } }),
      partners: (dialect, data) => asArray(dialect === 'generated' ? asObject(data.partners).items : data.partners).flatMap(seen),
    },
    {
      name: 'partner-by-id',
      weight: 35,
      request: (dialect, c) => {
        const id = c.partnerId();
        return { query: pick(dialect, partner, MESH.partner), variables: { id: dialect === 'generated' ? String(id) : id } };
      },
      partners: (_dialect, data) => [...seen(data.partner), ...seen(asObject(data.partner).parent)],
    },
    {
      name: 'orders-by-state',
      weight: 15,
      request: (dialect, c) => {
        const state = c.pick(STATES);
        return { query: pick(dialect, orders, MESH.orders), variables: { state: dialect === 'generated' ? state : state.toLowerCase(), limit: 5 } };
      },
      partners: (dialect, data) => {
        const items = asArray(dialect === 'generated' ? asObject(data.saleOrders).items : data.saleOrders);
        return items.flatMap((order) => seen(asObject(order).partner));
      },
    },
    {
      name: 'product-by-code',
      weight: 23,
      request: (dialect, c) => ({ query: pick(dialect, product, MESH.product), variables: { code: c.productCode() } }),
      partners: () => [],
    },
    {
      name: 'update-partner',
      weight: 2,
      request: (dialect, c) => {
        const write = c.nextWrite();
        return dialect === 'generated'
          ? { query: update, variables: { id: String(write.id), input: { city: write.city } }, write }
          : { query: MESH.update, variables: { id: write.id, city: write.city }, write };
      },
      partners: (_dialect, data) => seen(data.updatePartner),
    },
  ];
}

/** The user's read of the partner it just wrote (read-your-writes). */
export function readAfterWrite(dialect: Dialect, id: number): GraphqlRequest {
  return dialect === 'generated' ? { query: READ_BACK, variables: { id: String(id) } } : { query: MESH.readBack, variables: { id } };
}
