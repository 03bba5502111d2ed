/**
 * REST records into the GraphQL `data` each benchmark operation must answer (pure). The expected
 * answers and the direct REST floor both use these, so the floor does exactly the work asked.
 * GraphQL conventions applied: IDs as strings, Odoo's `false` as null for non-Boolean fields.
 */

export type RestRecord = Readonly<Record<string, unknown>>;
export type RecordsById = ReadonlyMap<number, RestRecord>;

const orNull = (value: unknown): unknown => (value === false || value === undefined ? null : value);

/** The id inside a Many2one value (`{ id, name }`), or null for Odoo's `false`. */
export function refId(value: unknown): number | null {
  if (value === null || typeof value !== 'object' || !('id' in value)) return null;
  return typeof value.id === 'number' ? value.id : null;
}

/** Distinct related ids of a Many2one key across records, in first-seen order. */
export function distinctRefIds(records: readonly RestRecord[], key: string): number[] {
  const ids = new Set<number>();
  for (const record of records) {
    const id = refId(record[key]);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

function related(record: RestRecord, key: string, byId: RecordsById): RestRecord | null {
  const id = refId(record[key]);
  return id === null ? null : (byId.get(id) ?? null);
}

export function shapeQ1(partners: readonly RestRecord[]): unknown {
  const items = partners.map((p) => ({
    id: String(p.id),
    name: orNull(p.name),
    isCompany: p.is_company,
    customerRank: p.customer_rank,
    creditLimit: p.credit_limit,
    active: p.active,
  }));
  return { partners: { items } };
}

const countryCode = (country: RestRecord | null): unknown => (country === null ? null : { code: orNull(country.code) });

export function shapeQ2(partners: readonly RestRecord[], countries: RecordsById): unknown {
  const items = partners.map((p) => ({ id: String(p.id), name: orNull(p.name), country: countryCode(related(p, 'country_id', countries)) }));
  return { partners: { items } };
}

export function shapeQ3(orders: readonly RestRecord[], partners: RecordsById, countries: RecordsById): unknown {
  const items = orders.map((order) => {
    const partner = related(order, 'partner_id', partners);
    return {
      id: String(order.id),
      name: orNull(order.name),
      amountTotal: order.amount_total,
      partner:
        partner === null ? null : { id: String(partner.id), name: orNull(partner.name), country: countryCode(related(partner, 'country_id', countries)) },
    };
  });
  return { saleOrders: { items } };
}

export function shapeQ4(partner: RestRecord | null): unknown {
  if (partner === null) return { partner: null };
  const country = partner.country_id;
  const countryName = country !== null && typeof country === 'object' && 'name' in country ? { name: orNull(country.name) } : null;
  return { partner: { id: String(partner.id), name: orNull(partner.name), isCompany: partner.is_company, country: countryName } };
}

export function shapeQ5(ids: readonly number[], partners: RecordsById): unknown {
  const entities = ids.map((id) => {
    const partner = partners.get(id);
    return partner === undefined ? null : { id: String(partner.id), name: orNull(partner.name) };
  });
  return { _entities: entities };
}

export function shapeM1(created: RestRecord): unknown {
  return { createPartner: { name: orNull(created.name), isCompany: created.is_company } };
}

export function shapeC1(partners: readonly RestRecord[]): unknown {
  const items = partners.map((p) => ({ id: String(p.id), contactEmail: orNull(p.contact_email), phone: orNull(p.phone), zip: orNull(p.zip) }));
  return { partners: { items } };
}
