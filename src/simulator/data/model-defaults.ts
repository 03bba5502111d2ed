/** Field defaults of a new record per model (what Odoo's `default_get` and sequences would fill in). */
import { formatDatetime } from './odoo-values.js';
import { orderName } from './sale-order-amounts.js';
import type { Table, Value } from './store.js';

type Defaults = (table: Table, now: string) => Record<string, Value>;

const DEFAULTS: Readonly<Record<string, Defaults>> = {
  'res.partner': (_table, now) => ({
    is_company: false,
    email: false,
    phone: false,
    street: false,
    city: false,
    zip: false,
    country_id: false,
    parent_id: false,
    type: 'contact',
    active: true,
    customer_rank: 0,
    credit_limit: 0,
    date: false,
    create_date: now,
    write_date: now,
  }),
  'product.template': (_table, now) => ({
    type: 'consu',
    list_price: 1,
    standard_price: 0,
    categ_id: 1,
    uom_id: 1,
    product_tag_ids: [],
    sale_ok: true,
    active: true,
    barcode: false,
    description_sale: false,
    weight: 0,
    create_date: now,
  }),
  'sale.order': (table, now) => ({
    name: orderName(table.nextId),
    date_order: now,
    validity_date: false,
    state: 'draft',
    note: false,
    order_line: [],
    amount_untaxed: 0,
    amount_tax: 0,
    amount_total: 0,
  }),
  'sale.order.line': () => ({ name: false, product_uom_qty: 1, price_unit: 0, price_subtotal: 0, discount: 0 }),
};

export function modelDefaults(model: string, table: Table, now = new Date()): Record<string, Value> {
  return DEFAULTS[model]?.(table, formatDatetime(now)) ?? {};
}

/** Models whose `write_date` moves on every write. */
export function touchWriteDate(values: Record<string, Value>): void {
  if ('write_date' in values) values.write_date = formatDatetime(new Date());
}
