/** Product templates identified by `default_code` (e.g. `FURN_0001`), with categories, units and tags. */
import type { Prng } from '../prng.js';
import { DATASET_EPOCH_MS, formatDatetime, roundMoney } from './odoo-values.js';
import { CATEGORIES, PRODUCT_ADJECTIVES, PRODUCT_NOUNS } from './seed-names.js';
import { createTable, insertRow, type Table } from './store.js';

const SALEABLE_CATEGORIES = CATEGORIES.flatMap(([, , prefix], index) => (prefix === null ? [] : [{ id: index + 1, prefix }]));
const SERVICE_PREFIXES = new Set(['SERV', 'CONS', 'DELIV', 'EXP']);
const UNITS = 1;
const HOURS = 7;

export function generateProducts(prng: Prng, count: number, tagCount: number): Table {
  const table = createTable();
  const seqByPrefix = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const category = prng.pick(SALEABLE_CATEGORIES);
    const seq = (seqByPrefix.get(category.prefix) ?? 0) + 1;
    seqByPrefix.set(category.prefix, seq);
    const isService = SERVICE_PREFIXES.has(category.prefix);
    const listPrice = roundMoney(prng.int(500, 250_000) / 100);
    insertRow(table, {
      default_code: `${category.prefix}_${String(seq).padStart(4, '0')}`,
      name: `${prng.pick(PRODUCT_ADJECTIVES)} ${prng.pick(PRODUCT_NOUNS[category.prefix] ?? ['Item'])}`,
      type: isService ? 'service' : prng.chance(0.05) ? 'combo' : 'consu',
      list_price: listPrice,
      standard_price: roundMoney(listPrice * (0.4 + prng.next() * 0.4)),
      categ_id: category.id,
      uom_id: isService ? HOURS : UNITS,
      product_tag_ids: pickTags(prng, tagCount),
      sale_ok: prng.chance(0.9),
      active: prng.chance(0.95),
      barcode: prng.chance(0.4) ? String(prng.int(100_000_000, 999_999_999)).padStart(13, '40') : false,
      description_sale: prng.chance(0.3) ? `Our ${category.prefix.toLowerCase()} best seller.` : false,
      weight: isService ? 0 : roundMoney(prng.int(1, 5000) / 100),
      create_date: formatDatetime(new Date(DATASET_EPOCH_MS + prng.int(0, 30_000_000) * 1000)),
    });
  }
  return table;
}

function pickTags(prng: Prng, tagCount: number): number[] {
  const tags = new Set<number>();
  const wanted = prng.int(0, 3);
  for (let attempt = 0; attempt < wanted; attempt += 1) tags.add(prng.int(1, tagCount));
  return [...tags].sort((a, b) => a - b);
}
