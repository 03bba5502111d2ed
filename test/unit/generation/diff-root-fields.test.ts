import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRootFields } from '../../../src/generation/diff-root-fields.js';

const committed = readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');
/** The committed SDL as the generator wrote it before root fields became nullable. */
const nonNullRoots = committed.replace(/^( {2}\): \w+Page)( |$)/gm, '$1!$2');

describe('diffRootFields', () => {
  it('classifies a root field that became nullable as breaking', () => {
    const changes = diffRootFields(nonNullRoots, committed);
    expect(changes.map((change) => change.path).sort()).toEqual([
      'Query.countries',
      'Query.partners',
      'Query.productCategories',
      'Query.productTags',
      'Query.products',
      'Query.saleOrderLines',
      'Query.saleOrders',
      'Query.uoms',
    ]);
    expect(changes.every((change) => change.breaking)).toBe(true);
    expect(changes.find((change) => change.path === 'Query.partners')?.message).toBe(
      'root field `Query.partners` changed from `PartnerPage!` to `PartnerPage`: now nullable, clients must handle null (the field is null when its endpoint fails)',
    );
  });

  it('classifies the reverse as safe and an unchanged SDL as no change', () => {
    const changes = diffRootFields(committed, nonNullRoots);
    expect(changes).toHaveLength(8);
    expect(changes.some((change) => change.breaking)).toBe(false);
    expect(diffRootFields(committed, committed)).toEqual([]);
  });

  it('compares Mutation fields too and leaves removed fields to the model diff', () => {
    const before = 'type Query { a: Int! b: Int! }\ntype Mutation { m: ID! }';
    const after = 'type Query { a: Int }\nextend type Mutation { m: ID }';
    expect(diffRootFields(before, after).map((change) => [change.path, change.breaking])).toEqual([
      ['Query.a', true],
      ['Mutation.m', true],
    ]);
  });
});
