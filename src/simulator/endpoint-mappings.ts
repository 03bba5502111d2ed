/** The seven endpoint configurations of the simulated Odoo company (docs/simulator.md). */
import type { HttpMethod } from '../model/source-model.js';
import type { ChildMapping, EndpointMapping, FieldMapping, FilterMapping, ScalarMapping, ScalarType } from './mapping-types.js';
import type { SimAuth, SimulatorOptions, SimulatorSwitches } from './types.js';

type Extra = Pick<ScalarMapping, 'selection' | 'readonly' | 'required'>;
const scalar = (key: string, field: string, type: ScalarType, extra: Extra = {}): ScalarMapping => ({ kind: 'scalar', key, field, type, ...extra });
const odooId = scalar('id', 'id', 'integer', { readonly: true });
const name = scalar('name', 'name', 'char', { required: true });
const ref = (model: string): ChildMapping => ({ model, idKey: 'id', fields: [odooId, scalar('name', 'name', 'char')] });
const m2o = (key: string, child: ChildMapping): FieldMapping => ({ kind: 'many2one', key, field: key, child });
const eq = (key: string, field = key): FilterMapping => ({ key, field, operator: 'eq' });
const contains = (key: string): FilterMapping => ({ key, field: key, operator: 'contains' });
const inKey = (key: string, field: string): FilterMapping => ({ key, field, operator: 'in' });

const countryRef = ref('res.country');
const partnerRef = ref('res.partner');
const categoryRef = ref('product.category');
const productRef: ChildMapping = {
  model: 'product.template',
  idKey: 'default_code',
  fields: [scalar('default_code', 'default_code', 'char'), scalar('name', 'name', 'char')],
};
const orderLineChild: ChildMapping = {
  model: 'sale.order.line',
  idKey: 'id',
  fields: [
    odooId,
    { ...m2o('product_id', productRef), required: true },
    scalar('product_uom_qty', 'product_uom_qty', 'float'),
    scalar('price_unit', 'price_unit', 'float'),
    scalar('price_subtotal', 'price_subtotal', 'float', { readonly: true }),
  ],
};

const BEARER: SimAuth = { type: 'bearer', token: 'demo-token' };
const BASIC: SimAuth = { type: 'basic', login: 'demo', password: 'demo-password' };
const NONE: SimAuth = { type: 'none' };
const READ: readonly HttpMethod[] = ['GET'];
const ALL: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

const DEFAULT_ENDPOINTS: readonly EndpointMapping[] = [
  {
    name: 'countries',
    model: 'res.country',
    idKey: 'id',
    methods: READ,
    auth: NONE,
    fields: [odooId, name, scalar('code', 'code', 'char'), scalar('phone_code', 'phone_code', 'integer')],
    filters: [contains('name'), eq('code'), inKey('ids', 'id')],
  },
  {
    name: 'partners',
    model: 'res.partner',
    idKey: 'id',
    methods: ALL,
    auth: BEARER,
    fields: [
      odooId,
      name,
      scalar('is_company', 'is_company', 'boolean'),
      scalar('contact_email', 'email', 'char'),
      scalar('phone', 'phone', 'char'),
      scalar('street', 'street', 'char'),
      scalar('city', 'city', 'char'),
      scalar('zip', 'zip', 'char'),
      m2o('country_id', countryRef),
      m2o('parent_id', partnerRef),
      scalar('type', 'type', 'selection', { selection: ['contact', 'invoice', 'delivery'] }),
      scalar('active', 'active', 'boolean'),
      scalar('customer_rank', 'customer_rank', 'integer'),
      scalar('credit_limit', 'credit_limit', 'float'),
      scalar('date', 'date', 'date'),
      scalar('create_date', 'create_date', 'datetime', { readonly: true }),
      scalar('write_date', 'write_date', 'datetime', { readonly: true }),
    ],
    filters: [contains('name'), eq('active'), eq('is_company'), eq('country_id'), inKey('ids', 'id')],
  },
  {
    name: 'product-categories',
    model: 'product.category',
    idKey: 'id',
    methods: READ,
    auth: NONE,
    fields: [odooId, name, scalar('complete_name', 'complete_name', 'char', { readonly: true }), m2o('parent_id', categoryRef)],
    filters: [contains('name')],
  },
  {
    name: 'uom',
    model: 'uom.uom',
    idKey: 'id',
    methods: READ,
    auth: NONE,
    fields: [odooId, name, scalar('uom_type', 'uom_type', 'selection', { selection: ['reference', 'bigger', 'smaller'] }), scalar('ratio', 'ratio', 'float')],
    filters: [contains('name')],
  },
  {
    name: 'product-tags',
    model: 'product.tag',
    idKey: 'id',
    methods: READ,
    auth: NONE,
    fields: [odooId, name, scalar('color', 'color', 'integer')],
    filters: [contains('name')],
  },
  {
    name: 'products',
    model: 'product.template',
    idKey: 'default_code',
    methods: ['GET', 'POST', 'PUT'],
    auth: BASIC,
    fields: [
      scalar('default_code', 'default_code', 'char', { required: true }),
      odooId,
      name,
      scalar('type', 'type', 'selection', { selection: ['consu', 'service', 'combo'] }),
      scalar('list_price', 'list_price', 'float'),
      scalar('standard_price', 'standard_price', 'float'),
      m2o('categ_id', categoryRef),
      m2o('uom_id', ref('uom.uom')),
      { kind: 'many2many', key: 'product_tag_ids', field: 'product_tag_ids', child: ref('product.tag') },
      scalar('sale_ok', 'sale_ok', 'boolean'),
      scalar('active', 'active', 'boolean'),
      scalar('barcode', 'barcode', 'char'),
      scalar('description_sale', 'description_sale', 'char'),
      scalar('weight', 'weight', 'float'),
      scalar('create_date', 'create_date', 'datetime', { readonly: true }),
    ],
    filters: [contains('name'), eq('categ_id'), eq('sale_ok'), inKey('default_codes', 'default_code')],
  },
  {
    name: 'sale-orders',
    model: 'sale.order',
    idKey: 'id',
    methods: ALL,
    auth: BEARER,
    fields: [
      odooId,
      scalar('name', 'name', 'char'),
      { ...m2o('partner_id', partnerRef), required: true },
      scalar('date_order', 'date_order', 'datetime'),
      scalar('validity_date', 'validity_date', 'date'),
      scalar('state', 'state', 'selection', { selection: ['draft', 'sent', 'sale', 'cancel'] }),
      scalar('amount_untaxed', 'amount_untaxed', 'float', { readonly: true }),
      scalar('amount_tax', 'amount_tax', 'float', { readonly: true }),
      scalar('amount_total', 'amount_total', 'float', { readonly: true }),
      scalar('note', 'note', 'char'),
      { kind: 'one2many', key: 'order_line', field: 'order_line', child: orderLineChild },
    ],
    filters: [eq('state'), eq('partner_id'), contains('name'), inKey('ids', 'id')],
  },
  {
    name: 'sale-order-lines',
    model: 'sale.order.line',
    idKey: 'id',
    methods: READ,
    auth: BEARER,
    fields: [
      odooId,
      m2o('order_id', ref('sale.order')),
      m2o('product_id', productRef),
      scalar('name', 'name', 'char'),
      scalar('product_uom_qty', 'product_uom_qty', 'float'),
      scalar('price_unit', 'price_unit', 'float'),
      scalar('price_subtotal', 'price_subtotal', 'float', { readonly: true }),
      scalar('discount', 'discount', 'float'),
    ],
    filters: [eq('order_id'), inKey('ids', 'id')],
  },
];

function inEnabled(setting: SimulatorSwitches['inFilter'], endpoint: string): boolean {
  return typeof setting === 'boolean' ? setting : setting.includes(endpoint);
}

/** The endpoints with the options' auth and method overrides and the `in` switch applied. */
export function buildEndpointMappings(options: SimulatorOptions, switches: SimulatorSwitches): readonly EndpointMapping[] {
  return DEFAULT_ENDPOINTS.map((endpoint) => ({
    ...endpoint,
    auth: options.auth?.[endpoint.name] ?? endpoint.auth,
    methods: options.methods?.[endpoint.name] ?? endpoint.methods,
    filters: endpoint.filters.filter((filter) => filter.operator !== 'in' || inEnabled(switches.inFilter, endpoint.name)),
  }));
}
