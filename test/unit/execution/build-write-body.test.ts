import { describe, expect, it } from 'vitest';
import { buildWriteBodyBuilder, identifierValue, toOdooDateTime } from '../../../src/execution/build-write-body.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

const { index, config } = loadServeFixture();
const partners = index.endpoints.get('partners');
if (partners === undefined) throw new Error('fixture');
const partnersConfig = config.endpoints.find((e) => e.name === 'partners');
const createInput = partners.mutations.find((mutation) => mutation.kind === 'create')?.input;
if (createInput === null || createInput === undefined) throw new Error('fixture');

describe('buildWriteBodyBuilder', () => {
  it('maps input names back to external keys and relations to identifier objects', () => {
    const body = buildWriteBodyBuilder(
      partners,
      createInput,
      partnersConfig,
      index,
    )({
      name: 'Acme',
      isCompany: true,
      countryId: '3',
      tagIds: ['P-1', '22'],
      type: 'invoice',
    });
    expect(body).toEqual({
      name: 'Acme',
      is_company: true,
      country_id: { id: 3 },
      tag_ids: [{ default_code: 'P-1' }, { default_code: '22' }],
      type: 'invoice',
    });
  });

  it('writes a bare Many2one id when the endpoint says so', () => {
    const bare = { ...(partnersConfig ?? config.endpoints[0]!), many2oneWrite: 'id' as const };
    expect(buildWriteBodyBuilder(partners, createInput, bare, index)({ countryId: '7' })).toEqual({ country_id: 7 });
  });

  it('sends only the given fields, null as Odoo false, datetimes in Odoo form', () => {
    const body = buildWriteBodyBuilder(partners, createInput, partnersConfig, index)({ countryId: null, createDate: '2024-05-06T07:08:09Z' });
    expect(body).toEqual({ country_id: false, create_date: '2024-05-06 07:08:09' });
  });

  it('refuses an input field the model does not pair with a key instead of dropping it', () => {
    const build = buildWriteBodyBuilder(partners, createInput, partnersConfig, index);
    expect(() => build({ name: 'Acme', nickname: 'A' })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'CreatePartnerInput has no field "nickname".',
      }),
    );
  });

  it('passes JSON objects through', () => {
    const address = { city: 'Lyon', zip: '69001' };
    expect(buildWriteBodyBuilder(partners, createInput, partnersConfig, index)({ address })).toEqual({ address });
  });
});

describe('toOdooDateTime and identifierValue', () => {
  it('converts offsets to UTC', () => {
    expect(toOdooDateTime('2024-05-06T09:08:09+02:00')).toBe('2024-05-06 07:08:09');
    expect(toOdooDateTime('2024-05-06T07:08:09.500Z')).toBe('2024-05-06 07:08:09');
    expect(toOdooDateTime('not a date')).toBe('not a date');
  });

  it('makes numbers of Odoo ids only', () => {
    expect(identifierValue('12', 'id')).toBe(12);
    expect(identifierValue('12', 'default_code')).toBe('12');
    expect(identifierValue('x-1', 'id')).toBe('x-1');
  });
});
