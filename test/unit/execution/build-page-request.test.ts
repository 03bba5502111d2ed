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

const LIMITS = { stringLength: 20, listLength: 3 };

describe('buildPageRequestBuilder', () => {
  it('asks for one row more than the page, with the default size and offset 0', () => {
    const request = buildPageRequestBuilder(endpoint('partners'), 10, LIMITS)({});
    expect(request).toEqual({ limit: 10, offset: 0, query: { limit: '11', offset: '0' }, matchesNothing: false });
  });

  it('refuses a limit over the endpoint maximum, naming it, and accepts the maximum itself', () => {
    const build = buildPageRequestBuilder(endpoint('partners'), 10, LIMITS);
    expect(() => build({ limit: 51 })).toThrow('"limit" is 51, over the page size of partners (at most 50)');
    expect(() => build({ limit: 1_000_000 })).toThrow(BjetError);
    expect(build({ limit: 50, offset: 7 }).query).toEqual({ limit: '51', offset: '7' });
  });

  it('refuses filter text that is not well-formed, too long, or a list with too many elements', () => {
    const products = buildPageRequestBuilder(endpoint('products'), 10, LIMITS);
    expect(() => products({ filter: { name: 'caf\uFFFD' } })).toThrow('"filter.name" is not well-formed UTF-8 text');
    expect(() => products({ filter: { name: 'x\uD800y' } })).toThrow('"filter.name" is not well-formed UTF-8 text');
    expect(() => products({ filter: { name: 'x'.repeat(21) } })).toThrow('"filter.name" is 21 characters long, over the limit of 20.');
    const countries = buildPageRequestBuilder(endpoint('countries'), 10, LIMITS);
    expect(countries({ filter: { name: 'caf\u00e9 \u{1F600}' } }).query['name']).toBe('caf\u00e9 \u{1F600}');
    expect(() => products({ filter: { defaultCodes: ['a', 'b', 'c', 'd'] } })).toThrow('"filter.defaultCodes" has 4 elements, over the limit of 3.');
    expect(() => products({ filter: { defaultCodes: ['a', '\uDC00'] } })).toThrow(BjetError);
  });

  it('maps filters to their configured keys: booleans as text, enums as keys, lists comma-joined', () => {
    const partners = buildPageRequestBuilder(endpoint('partners'), 10, LIMITS)({ filter: { isCompany: false, type: 'invoice' } });
    expect(partners.query).toEqual({ is_company: 'false', type: 'invoice', limit: '11', offset: '0' });
    const products = buildPageRequestBuilder(endpoint('products'), 10, LIMITS)({ filter: { defaultCodes: ['A-1', 'B 2'] } });
    expect(products.query['default_codes']).toBe('A-1,B 2');
  });

  it('skips null filters and marks an empty id list as matching nothing', () => {
    const build = buildPageRequestBuilder(endpoint('products'), 10, LIMITS);
    expect(build({ filter: { defaultCodes: null } }).query).toEqual({ limit: '11', offset: '0' });
    expect(build({ filter: { defaultCodes: [] } }).matchesNothing).toBe(true);
  });

  it('refuses a filter field the model does not pair with a key instead of dropping it', () => {
    const build = buildPageRequestBuilder(endpoint('partners'), 10, LIMITS);
    expect(() => build({ filter: { isCompany: true, colour: 'red' } })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'The filter has no field "colour".' }),
    );
  });

  it('rejects a negative limit or offset as BAD_USER_INPUT', () => {
    const build = buildPageRequestBuilder(endpoint('partners'), 10, LIMITS);
    expect(() => build({ limit: -1 })).toThrow(BjetError);
    expect(() => build({ offset: -5 })).toThrow('"offset" must be a non-negative integer.');
  });
});
