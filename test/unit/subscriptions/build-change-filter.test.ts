import { describe, expect, it } from 'vitest';
import type { EndpointModel } from '../../../src/model/source-model.js';
import { buildChangeFilter } from '../../../src/subscriptions/build-change-filter.js';

const partners: EndpointModel = {
  endpoint: 'partners',
  typeName: 'Partner',
  listField: 'partners',
  singleField: 'partner',
  idKey: 'id',
  pageTypeName: 'PartnerPage',
  filterInput: 'PartnerFilter',
  mutations: [],
  subscription: { changeType: 'PartnerChange', recordField: 'partnerChanged', listField: 'partnersChanged' },
  methods: ['GET'],
  idListFilter: 'ids',
  maxPageSize: 100,
  sampled: 1,
  fields: [],
  filters: [
    { key: 'name', name: 'name', value: { kind: 'scalar', scalar: 'String' } },
    { key: 'active', name: 'active', value: { kind: 'scalar', scalar: 'Boolean' } },
    { key: 'country_id', name: 'countryId', value: { kind: 'scalar', scalar: 'ID' } },
    {
      key: 'type',
      name: 'type',
      value: {
        kind: 'enum',
        enumName: 'PartnerType',
        values: [
          { name: 'CONTACT', key: 'contact' },
          { name: 'INVOICE', key: 'invoice' },
        ],
      },
    },
    { key: 'ids', name: 'ids', value: { kind: 'scalar', scalar: 'ID' } },
  ],
};
const acme = { id: 7, name: 'ACME Lab', active: true, country_id: { id: 3, name: 'France' }, type: 'invoice' };

describe('buildChangeFilter', () => {
  it.each([
    ['no filter', undefined, true],
    ['text contains, case-insensitive', { name: 'acme' }, true],
    ['text that is not in the name', { name: 'beta' }, false],
    ['a boolean by equality', { active: false }, false],
    ['a Many2one by its identifier', { countryId: '3' }, true],
    ['another Many2one', { countryId: '4' }, false],
    ['an enum by equality, not substring', { type: 'invoic' }, false],
    ['the id list by membership', { ids: ['1', '7'] }, true],
    ['an id list without it', { ids: ['1'] }, false],
    ['every key must match', { name: 'acme', active: false }, false],
    ['a null value is no condition', { name: null }, true],
  ])('%s', (_name, filter, matches) => {
    expect(buildChangeFilter(partners, filter)(acme)).toBe(matches);
  });

  it('does not exclude a record that lacks the key', () => {
    expect(buildChangeFilter(partners, { active: true })({ id: 7, name: 'x' })).toBe(true);
  });
});
