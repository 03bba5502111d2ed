/** Odoo's computed sale amounts, shared by the seeded data and by writes so both stay consistent. */
import { roundMoney } from './odoo-values.js';
import { tableOf, type Row, type Store } from './store.js';

/** A flat 15% tax: enough to make amount_total differ from amount_untaxed. */
const TAX_RATE = 0.15;

export function lineSubtotal(quantity: number, priceUnit: number, discountPercent: number): number {
  return roundMoney(quantity * priceUnit * (1 - discountPercent / 100));
}

export function recomputeOrderAmounts(store: Store, order: Row): void {
  const lines = tableOf(store, 'sale.order.line');
  const lineIds = order.values.order_line;
  let untaxed = 0;
  for (const id of Array.isArray(lineIds) ? lineIds : []) {
    const subtotal = lines.byId.get(id)?.values.price_subtotal;
    if (typeof subtotal === 'number') untaxed += subtotal;
  }
  const amountUntaxed = roundMoney(untaxed);
  const amountTax = roundMoney(amountUntaxed * TAX_RATE);
  order.values.amount_untaxed = amountUntaxed;
  order.values.amount_tax = amountTax;
  order.values.amount_total = roundMoney(amountUntaxed + amountTax);
}

/** Odoo's sequence: S00001. */
export function orderName(id: number): string {
  return `S${String(id).padStart(5, '0')}`;
}
