/** Companies and their contacts (contacts point to a company through parent_id), like Odoo's demo data. */
import type { Prng } from '../prng.js';
import { DATASET_EPOCH_MS, formatDate, formatDatetime, roundMoney } from './odoo-values.js';
import { CITIES, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, STREET_NAMES } from './seed-names.js';
import { createTable, insertRow, type Table, type Value } from './store.js';

const DAY_MS = 86_400_000;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function address(prng: Prng, countryCount: number): Record<string, Value> {
  return {
    street: prng.chance(0.9) ? `${prng.int(1, 999)} ${prng.pick(STREET_NAMES)}` : false,
    city: prng.chance(0.9) ? prng.pick(CITIES) : false,
    zip: prng.chance(0.8) ? String(prng.int(10000, 99999)) : false,
    country_id: prng.chance(0.92) ? prng.int(1, countryCount) : false,
  };
}

function stamps(prng: Prng): Record<string, Value> {
  const created = DATASET_EPOCH_MS + prng.int(0, 365) * DAY_MS + prng.int(0, DAY_MS / 1000 - 1) * 1000;
  const written = created + prng.int(0, 90) * DAY_MS + prng.int(0, 3600) * 1000;
  return { create_date: formatDatetime(new Date(created)), write_date: formatDatetime(new Date(written)) };
}

/** One company in four; each contact belongs to one of the companies created before it. */
export function generatePartners(prng: Prng, count: number, countryCount: number): Table {
  const table = createTable();
  const companies: { id: number; name: string; values: Record<string, Value> }[] = [];
  for (let index = 0; index < count; index += 1) {
    const isCompany = index % 4 === 0;
    const company = isCompany ? undefined : companies[prng.int(0, companies.length - 1)];
    const name = isCompany ? `${prng.pick(COMPANY_WORDS)} ${prng.pick(COMPANY_SUFFIXES)}` : `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
    const domain = company === undefined ? `${slug(name)}.example.com` : `${slug(company.name)}.example.com`;
    const values: Record<string, Value> = {
      name,
      is_company: isCompany,
      email: prng.chance(0.85) ? (isCompany ? `info@${domain}` : `${slug(name)}@${domain}`) : false,
      phone: prng.chance(0.6) ? `+1 555-${String(prng.int(0, 9999)).padStart(4, '0')}` : false,
      ...(company === undefined ? address(prng, countryCount) : pickAddress(company.values)),
      parent_id: company?.id ?? false,
      type: isCompany ? 'contact' : prng.pick(['contact', 'contact', 'contact', 'invoice', 'delivery']),
      active: prng.chance(0.95),
      customer_rank: prng.chance(0.7) ? prng.int(1, 25) : 0,
      credit_limit: prng.chance(0.3) ? roundMoney(prng.int(10, 500) * 100) : 0,
      date: prng.chance(0.4) ? formatDate(new Date(DATASET_EPOCH_MS + prng.int(0, 400) * DAY_MS)) : false,
      ...stamps(prng),
    };
    const row = insertRow(table, values);
    if (isCompany) companies.push({ id: row.id, name, values });
  }
  return table;
}

/** Odoo copies the company's address onto its contacts. */
function pickAddress(values: Record<string, Value>): Record<string, Value> {
  const { street = false, city = false, zip = false, country_id: countryId = false } = values;
  return { street, city, zip, country_id: countryId };
}
