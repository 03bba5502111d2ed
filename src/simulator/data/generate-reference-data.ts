/** Small, fixed-size models: countries, product categories, units of measure, product tags. */
import type { Prng } from '../prng.js';
import { CATEGORIES, COUNTRIES, TAGS, UOMS } from './seed-names.js';
import { createTable, insertRow, type Table } from './store.js';

export function generateCountries(): Table {
  const table = createTable();
  for (const [name, code, phoneCode] of COUNTRIES) insertRow(table, { name, code, phone_code: phoneCode });
  return table;
}

/** `complete_name` is Odoo's computed path, e.g. `All / Saleable / Office Furniture`. */
export function generateCategories(): Table {
  const table = createTable();
  const completeNames: string[] = [];
  for (const [name, parentIndex] of CATEGORIES) {
    const parentName = completeNames[parentIndex];
    const completeName = parentName === undefined ? name : `${parentName} / ${name}`;
    completeNames.push(completeName);
    insertRow(table, { name, complete_name: completeName, parent_id: parentIndex < 0 ? false : parentIndex + 1 });
  }
  return table;
}

export function generateUoms(): Table {
  const table = createTable();
  for (const [name, uomType, ratio] of UOMS) insertRow(table, { name, uom_type: uomType, ratio });
  return table;
}

export function generateTags(prng: Prng): Table {
  const table = createTable();
  for (const name of TAGS) insertRow(table, { name, color: prng.int(0, 11) });
  return table;
}
