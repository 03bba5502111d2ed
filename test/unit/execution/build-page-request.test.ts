import { describe, expect, it } from 'vitest';
import { buildPageRequestBuilder } from '../../../src/execution/build-page-request.js';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

const { index } = loadServeFixture();
const endpoint = (name: string) => {
  const found = index.endpoints.get(name);
  if (found === undefined) throw new Error(name);
  return found;
};

describe('buildPageRequestBuilder', () => {
  it('asks for one row more than the page, with the default size and offset 0', () => {
    const request = buildPageRequestBuilder(endpoint('partners'), 10)({});
    expect(request).toEqual({ limit: 10, offset: 0, query: { limit: '11', offset: '0' }, matchesNothing: false });
  });

  it('caps the page size at the endpoint maximum', () => {
    expect(buildPageRequestBuilder(endpoint('partners'), 10)({ limit: 500, offset: 7 }).query).toEqual({ limit: '51', offset: '7' });
  });

  it('maps filters to their configured keys: booleans as text, enums as keys, lists comma-joined', () => {
    const partners = buildPageRequestBuilder(endpoint('partners'), 10)({ filter: { isCompany: false, type: 'invoice' } });
    expect(partners.query).toEqual({ is_company: 'false', type: 'invoice', limit: '11', offset: '0' });
    const products = buildPageRequestBuilder(endpoint('products'), 10)({ filter: { defaultCodes: ['A-1', 'B 2'] } });
    expect(products.query['default_codes']).toBe('A-1,B 2');
  });

  it('skips null filters and marks an empty id list as matching nothing', () => {
    const build = buildPageRequestBuilder(endpoint('products'), 10);
    expect(build({ filter: { defaultCodes: null } }).query).toEqual({ limit: '11', offset: '0' });
    expect(build({ filter: { defaultCodes: [] } }).matchesNothing).toBe(true);
  });

  it('refuses a filter field the model does not pair with a key instead of dropping it', () => {
    const build = buildPageRequestBuilder(endpoint('partners'), 10);
    expect(() => build({ filter: { isCompany: true, colour: 'red' } })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'The filter has no field "colour".' }),
    );
  });

  it('rejects a negative limit or offset as BAD_USER_INPUT', () => {
    const build = buildPageRequestBuilder(endpoint('partners'), 10);
    expect(() => build({ limit: -1 })).toThrow(BjetError);
    expect(() => build({ offset: -5 })).toThrow('"offset" must be a non-negative integer.');
  });
});
