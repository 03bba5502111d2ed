import { describe, expect, it } from 'vitest';
import type { FieldModel, ValueModel } from '../../../src/model/source-model.js';
import type { TypeEntry, TypeIndex } from '../../../src/execution/build-type-index.js';
import { buildRecordShapers } from '../../../src/execution/build-record-shapers.js';

const field = (key: string, name: string, value: ValueModel, list = false): FieldModel => ({ key, name, list, nullable: true, value });
const entry = (typeName: string, fields: FieldModel[]): TypeEntry => ({ typeName, endpoint: null, fields: new Map(fields.map((f) => [f.name, f])) });

const ADDRESS = [field('street', 'street', { kind: 'scalar', scalar: 'String' }), field('zip', 'zip', { kind: 'scalar', scalar: 'String' })];
const ORDER = [
  field('id', 'id', { kind: 'scalar', scalar: 'ID' }),
  field('is_paid', 'isPaid', { kind: 'scalar', scalar: 'Boolean' }),
  field('note', 'note', { kind: 'scalar', scalar: 'String' }),
  field('write_date', 'writeDate', { kind: 'scalar', scalar: 'DateTime' }),
  field('state', 'state', {
    kind: 'enum',
    enumName: 'State',
    values: [
      { name: 'DRAFT', key: 'draft' },
      { name: 'SALE', key: 'sale' },
    ],
  }),
  field('tags', 'tags', { kind: 'scalar', scalar: 'String' }, true),
  field('address', 'address', { kind: 'object', typeName: 'Address', fields: ADDRESS }),
  field('old_addresses', 'oldAddresses', { kind: 'object', typeName: 'Address', fields: ADDRESS }, true),
  field('partner_id', 'partner', { kind: 'relation', endpoint: 'partners', typeName: 'Partner', embeddedKeys: ['id', 'name'] }),
];
const index: TypeIndex = {
  types: new Map([
    ['Order', entry('Order', ORDER)],
    ['Address', entry('Address', ADDRESS)],
  ]),
  endpoints: new Map(),
};

describe('buildRecordShapers', () => {
  const shapers = buildRecordShapers(index);
  const raw = {
    id: 7,
    is_paid: false,
    note: false,
    write_date: '2024-03-01 09:30:00',
    state: 'sale',
    tags: ['a', 'b'],
    address: { street: 'Main St', zip: false },
    old_addresses: [{ street: 'Old St', zip: '1000' }],
    partner_id: { id: 3, name: 'Azure' },
    unknown_key: 'not in the model',
  };

  it('puts every field under its GraphQL name, normalized; nested objects shaped too; relations raw', () => {
    expect(shapers.of('Order')(raw)).toEqual({
      id: 7,
      isPaid: false,
      note: null,
      writeDate: '2024-03-01T09:30:00Z',
      state: 'sale',
      tags: ['a', 'b'],
      address: { street: 'Main St', zip: null },
      oldAddresses: [{ street: 'Old St', zip: '1000' }],
      partner: { id: 3, name: 'Azure' },
    });
  });

  it('reads Odoo’s empty values: false or missing nested objects and lists are null', () => {
    expect(shapers.of('Order')({ id: 8, address: false, old_addresses: false, tags: false })).toMatchObject({
      address: null,
      oldAddresses: null,
      tags: null,
      isPaid: null,
      partner: undefined,
    });
  });

  it('shapes a raw record once: the same raw object gives the same shaped object, and is left unchanged', () => {
    const copy = structuredClone(raw);
    const first = shapers.of('Order')(raw);
    expect(shapers.of('Order')(raw)).toBe(first);
    expect(shapers.of('Order')(copy)).not.toBe(first);
    expect(raw).toEqual(copy);
  });

  it('refuses a type the model does not have', () => {
    expect(() => shapers.of('Nope')).toThrow(/Nope/);
  });
});
