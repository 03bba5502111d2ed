/** The seeded dataset: the same seed and size always give the same records. */
import { createPrng } from '../prng.js';
import { generateCategories, generateCountries, generateTags, generateUoms } from './generate-reference-data.js';
import { generatePartners } from './generate-partners.js';
import { generateProducts } from './generate-products.js';
import { generateSaleOrders } from './generate-sale-orders.js';
import type { Store } from './store.js';

/** Records per model at size 1; `size` scales the big models (partners, products, orders). */
const BASE_COUNTS = { partners: 300, products: 120, orders: 200 } as const;

export function buildDataset(seed: number, size: number): Store {
  const prng = createPrng(seed);
  const scaled = (base: number): number => Math.max(1, Math.round(base * size));
  const store: Store = new Map();
  const countries = generateCountries();
  const tags = generateTags(prng);
  store.set('res.country', countries);
  store.set('product.category', generateCategories());
  store.set('uom.uom', generateUoms());
  store.set('product.tag', tags);
  store.set('res.partner', generatePartners(prng, scaled(BASE_COUNTS.partners), countries.rows.length));
  store.set('product.template', generateProducts(prng, scaled(BASE_COUNTS.products), tags.rows.length));
  generateSaleOrders(prng, store, scaled(BASE_COUNTS.orders));
  return store;
}
