/** Sale orders with 1 to 5 lines each; amounts are computed from the lines. */
import type { Prng } from '../prng.js';
import { DATASET_EPOCH_MS, formatDate, formatDatetime } from './odoo-values.js';
import { lineSubtotal, orderName, recomputeOrderAmounts } from './sale-order-amounts.js';
import { createTable, insertRow, tableOf, type Row, type Store } from './store.js';

const DAY_MS = 86_400_000;
const STATES = ['draft', 'draft', 'sent', 'sale', 'sale', 'sale', 'cancel'];

export function generateSaleOrders(prng: Prng, store: Store, count: number): void {
  const orders = createTable();
  const lines = createTable();
  store.set('sale.order', orders);
  store.set('sale.order.line', lines);
  const partners = tableOf(store, 'res.partner').rows;
  const allProducts = tableOf(store, 'product.template').rows;
  const saleable = allProducts.filter((row) => row.values.sale_ok === true);
  const products = saleable.length > 0 ? saleable : allProducts;
  for (let index = 0; index < count; index += 1) {
    const orderedAt = DATASET_EPOCH_MS + prng.int(0, 400 * 86_400) * 1000;
    const order = insertRow(orders, {
      name: orderName(orders.nextId),
      partner_id: prng.pick(partners).id,
      date_order: formatDatetime(new Date(orderedAt)),
      validity_date: prng.chance(0.7) ? formatDate(new Date(orderedAt + 30 * DAY_MS)) : false,
      state: prng.pick(STATES),
      note: prng.chance(0.2) ? 'Payment terms: 30 days' : false,
      order_line: [],
    });
    const lineIds: number[] = [];
    for (let count = prng.int(1, 5); count > 0; count -= 1) {
      lineIds.push(insertRow(lines, seededLine(prng, order, prng.pick(products))).id);
    }
    order.values.order_line = lineIds;
    recomputeOrderAmounts(store, order);
  }
}

function seededLine(prng: Prng, order: Row, product: Row): Row['values'] {
  const quantity = prng.int(1, 10);
  const priceUnit = Number(product.values.list_price);
  const discount = prng.chance(0.2) ? prng.pick([5, 10, 15]) : 0;
  return {
    order_id: order.id,
    product_id: product.id,
    name: `[${String(product.values.default_code)}] ${String(product.values.name)}`,
    product_uom_qty: quantity,
    price_unit: priceUnit,
    price_subtotal: lineSubtotal(quantity, priceUnit, discount),
    discount,
  };
}
