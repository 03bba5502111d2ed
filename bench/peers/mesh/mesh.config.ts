/**
 * GraphQL Mesh over the BJET REST endpoints, as its documentation suggests: the JSON Schema source
 * (`@omnigraph/json-schema`) with one operation per REST route and hand-written JSON Schemas of the
 * records, and the relations added with `additionalTypeDefs` + `@resolveTo`. With BJET_ID_LIST=1
 * the relations use Mesh's batching (`keysArg`) over the simulator's comma-separated `ids` key.
 *
 * Composed by the bench: BJET_BASE_URL=http://127.0.0.1:PORT/bj_api_sync/v1 npx mesh-compose -o FILE
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadJSONSchemaSubgraph } from '@omnigraph/json-schema';

const baseUrl = process.env.BJET_BASE_URL ?? 'http://127.0.0.1:8069/bj_api_sync/v1';
const idList = process.env.BJET_ID_LIST === '1';
const bearer = { Authorization: `Bearer ${process.env.BJET_DEMO_TOKEN ?? 'demo-token'}` };
const basicCredentials = `${process.env.BJET_DEMO_LOGIN ?? 'demo'}:${process.env.BJET_DEMO_PASSWORD ?? 'demo-password'}`;
const basic = { Authorization: `Basic ${Buffer.from(basicCredentials).toString('base64')}` };

const int = { type: 'integer' };
const str = { type: 'string' };
const num = { type: 'number' };
const bool = { type: 'boolean' };
const ref = (title: string) => ({ type: 'object', title, properties: { id: int, name: str } });

const Country = { type: 'object', title: 'Country', properties: { id: int, name: str, code: str, phone_code: int } };
const Partner = {
  type: 'object',
  title: 'Partner',
  properties: {
    id: int, name: str, is_company: bool, contact_email: str, phone: str, street: str, city: str, zip: str,
    country_id: ref('CountryRef'), parent_id: ref('PartnerRef'), type: str, active: bool, customer_rank: int,
    credit_limit: num, date: str, create_date: str, write_date: str,
  },
};
// The lines come embedded in the order's record (npm run bench:budget asks for them).
const SaleOrderLine = {
  type: 'object',
  title: 'SaleOrderLine',
  properties: {
    id: int, product_uom_qty: num, price_unit: num, price_subtotal: num,
    product_id: { type: 'object', title: 'SaleOrderLineProductRef', properties: { default_code: str, name: str } },
  },
};
const SaleOrder = {
  type: 'object',
  title: 'SaleOrder',
  properties: {
    id: int, name: str, partner_id: ref('SaleOrderPartnerRef'), date_order: str, validity_date: str, state: str,
    amount_untaxed: num, amount_tax: num, amount_total: num, note: str, order_line: { type: 'array', items: SaleOrderLine },
  },
};
const Product = {
  type: 'object',
  title: 'Product',
  properties: {
    default_code: str, id: int, name: str, list_price: num, categ_id: ref('ProductCategoryRef'), uom_id: ref('UomRef'),
    product_tag_ids: { type: 'array', items: ref('ProductTagRef') },
  },
};
const PartnerUpdate = {
  type: 'object',
  title: 'PartnerUpdate',
  properties: { name: str, is_company: bool, contact_email: str, phone: str, city: str },
};
const PartnerInput = {
  type: 'object',
  title: 'PartnerInput',
  properties: { name: str, is_company: bool, contact_email: str, phone: str, city: str },
  required: ['name'],
};

const page = { limit: int, offset: int, ids: str };
const listOf = (field: string, path: string, item: object, headers: Record<string, string> = {}, filters: Record<string, object> = {}) => ({
  type: 'Query' as const,
  field,
  path,
  method: 'GET' as const,
  headers,
  argTypeMap: { ...page, ...filters },
  queryParamArgMap: { limit: 'limit', offset: 'offset', ids: 'ids', ...Object.fromEntries(Object.keys(filters).map((key) => [key, key])) },
  responseSchema: { type: 'array', items: item },
});
const byId = (field: string, path: string, item: object, headers: Record<string, string> = {}, idType: object = int) => ({
  type: 'Query' as const,
  field,
  path: `${path}/{args.id}`,
  method: 'GET' as const,
  headers,
  argTypeMap: { id: idType },
  requiredArgs: ['id'],
  responseSchema: item,
});

const relation = (typeName: string, field: string, target: string, key: string, many: string, one: string) =>
  idList
    ? `extend type ${typeName} { ${field}: ${target} @resolveTo(sourceName: "BJET", sourceTypeName: "Query", sourceFieldName: "${many}", keyField: "${key}.id", keysArg: "ids", valueKeyField: "id", requiredSelectionSet: "{ ${key} { id } }") }`
    : `extend type ${typeName} { ${field}: ${target} @resolveTo(sourceName: "BJET", sourceTypeName: "Query", sourceFieldName: "${one}", requiredSelectionSet: "{ ${key} { id } }", sourceArgs: { id: "{root.${key}.id}" }) }`;

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadJSONSchemaSubgraph('BJET', {
        endpoint: baseUrl,
        operationHeaders: { Accept: 'application/json' },
        // The `ids` key takes one comma-separated value.
        queryStringOptions: { arrayFormat: 'comma' },
        operations: [
          listOf('partners', '/partners', Partner, bearer, { is_company: bool }),
          byId('partner', '/partners', Partner, bearer),
          listOf('countries', '/countries', Country),
          byId('country', '/countries', Country),
          listOf('saleOrders', '/sale-orders', SaleOrder, bearer, { state: str }),
          byId('saleOrder', '/sale-orders', SaleOrder, bearer),
          byId('product', '/products', Product, basic, str),
          {
            type: 'Mutation',
            field: 'updatePartner',
            path: '/partners/{args.id}',
            method: 'PUT',
            headers: bearer,
            argTypeMap: { id: int },
            requiredArgs: ['id'],
            requestSchema: PartnerUpdate,
            responseSchema: Partner,
          },
          {
            type: 'Mutation',
            field: 'createPartner',
            path: '/partners',
            method: 'POST',
            headers: bearer,
            requestSchema: PartnerInput,
            responseSchema: Partner,
          },
        ],
      }),
    },
  ],
  additionalTypeDefs: [
    relation('Partner', 'country', 'Country', 'country_id', 'countries', 'country'),
    relation('SaleOrder', 'partner', 'Partner', 'partner_id', 'partners', 'partner'),
  ].join('\n'),
});
