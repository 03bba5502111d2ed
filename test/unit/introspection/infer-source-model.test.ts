import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { inferSourceModel } from '../../../src/introspection/infer-source-model.js';
import type { FieldModel } from '../../../src/model/source-model.js';
import { listSampleCases, loadSampleCase } from './sample-fixtures.js';

function fieldOf(caseName: string, endpoint: string, key: string): FieldModel {
  const sample = loadSampleCase(caseName);
  const model = inferSourceModel(sample.config, sample.records).model;
  const field = model.endpoints.find((candidate) => candidate.endpoint === endpoint)?.fields.find((candidate) => candidate.key === key);
  if (field === undefined) throw new Error(`no field ${endpoint}.${key}`);
  return field;
}

describe('inferSourceModel over recorded samples', () => {
  it.each(listSampleCases())('%s gives the expected model or issues', (name) => {
    const sample = loadSampleCase(name);
    if (sample.expectedIssues !== undefined) {
      let error: unknown;
      try {
        inferSourceModel(sample.config, sample.records);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BjetError);
      expect((error as BjetError).code).toBe('CONFIG_INVALID');
      expect((error as BjetError).details?.['issues']).toEqual(sample.expectedIssues);
    } else {
      expect(sample.expectedModel).toBeDefined();
      expect(inferSourceModel(sample.config, sample.records).model).toEqual(sample.expectedModel);
    }
  });
});

describe("inference rules (Odoo's values)", () => {
  const shape = (key: string): [string, boolean, boolean] => {
    const field = fieldOf('odoo-values', 'res-partner', key);
    const value = field.value.kind === 'scalar' ? field.value.scalar : field.value.kind;
    return [value, field.list, field.nullable];
  };

  it('types false-or-text as a nullable String, never a Boolean', () => expect(shape('email')).toEqual(['String', false, true]));
  it('types a key only ever false as a nullable String', () => expect(shape('always_false')).toEqual(['String', false, true]));
  it('keeps a Boolean with false values non-null', () => expect(shape('is_company')).toEqual(['Boolean', false, false]));
  it('makes a number Float when any sample is not an integer', () => expect(shape('credit_limit')).toEqual(['Float', false, false]));
  it('makes a whole number beyond 32 bits a Float', () => expect(shape('big_number')).toEqual(['Float', false, false]));
  it('keeps whole numbers an Int', () => expect(shape('customer_rank')).toEqual(['Int', false, false]));
  it('recognises Odoo datetimes', () => expect(shape('create_date')).toEqual(['DateTime', false, false]));
  it('recognises dates, nullable when false', () => expect(shape('birthday')).toEqual(['Date', false, true]));
  it('treats an empty string in a date as empty', () => expect(shape('blank_date')).toEqual(['Date', false, true]));
  it('uses JSON only for mixed kinds', () => expect(shape('mixed')).toEqual(['JSON', false, false]));
  it('makes a key missing from a record nullable', () => expect(shape('sometimes')).toEqual(['Int', false, true]));
  it('makes a null sample nullable', () => expect(shape('with_null')).toEqual(['String', false, true]));
  it('types the identifier ID non-null', () => expect(shape('id')).toEqual(['ID', false, false]));
  it('links a configured Many2one, nullable when false', () => expect(shape('country_id')).toEqual(['relation', false, true]));
  it('links a configured x2many as a list', () => expect(shape('tag_ids')).toEqual(['relation', true, false]));
  it('types an unlinked Many2one as a nested object', () => expect(shape('parent_id')).toEqual(['object', false, true]));
  it('types a list of whole numbers as [Int]', () => expect(shape('category_ids')).toEqual(['Int', true, false]));

  it('makes a Many2one nullable even when every sample has one, unless the config requires it', () => {
    const nullable = (key: string): boolean => fieldOf('many2one-always-set', 'orders', key).nullable;
    expect([nullable('partner_id'), nullable('user_id'), nullable('warehouse_id')]).toEqual([false, true, true]);
  });

  it('records the keys embedded in a relation across samples', () => {
    expect(fieldOf('odoo-values', 'res-partner', 'country_id')).toMatchObject({
      name: 'country',
      value: { kind: 'relation', endpoint: 'countries', typeName: 'Country', embeddedKeys: ['code', 'id', 'name'] },
    });
  });

  it('names nested types after their owner and key', () => {
    const lines = fieldOf('odoo-values', 'res-partner', 'line_ids');
    expect(lines.name).toBe('lines');
    expect(lines.value).toMatchObject({ kind: 'object', typeName: 'ResPartnerLines' });
  });

  it('warns about sample values outside a configured enum', () => {
    const sample = loadSampleCase('odoo-values');
    expect(inferSourceModel(sample.config, sample.records).warnings).toEqual(['res-partner: key `state` has values not in its configured enum: archived']);
  });
});
