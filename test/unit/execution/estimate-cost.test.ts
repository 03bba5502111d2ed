import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildTypeIndex } from '../../../src/execution/build-type-index.js';
import { buildCostEstimator } from '../../../src/execution/estimate-cost.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

const fixture = loadServeFixture();
const estimator = buildCostEstimator(fixture.index, 10);

// The fixture has no Subscription fields: give partners the ones introspection generates.
const withChanges = buildCostEstimator(
  buildTypeIndex({
    ...fixture.model,
    endpoints: fixture.model.endpoints.map((endpoint) =>
      endpoint.endpoint === 'partners'
        ? { ...endpoint, subscription: { changeType: 'PartnerChange', recordField: 'partnerChanged', listField: 'partnersChanged' } }
        : endpoint,
    ),
  }),
  10,
);

function estimate(source: string, variables: Record<string, unknown> = {}, costOf = estimator): number {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined) throw new Error('no operation');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return costOf({ operation, fragments, variables });
}

describe('estimateCost', () => {
  it('costs a subscription per change: the loads of its record selection, not the record read', () => {
    expect(estimate('subscription { partnerChanged(id: "7") { event id record { name country { name } } } }', {}, withChanges)).toBe(0);
    expect(estimate('subscription { partnerChanged(id: "7") { record { country { code } tags { name } } } }', {}, withChanges)).toBe(2);
    expect(estimate('subscription { partnersChanged { ...R } } fragment R on PartnerChange { record { tags { name } } }', {}, withChanges)).toBe(1);
    expect(estimate('subscription { partnerChanged(id: "7") { record { country { code } } } }')).toBe(0);
  });

  it('counts a list as one call, whatever its plain fields', () => {
    expect(estimate('{ partners(limit: 50) { items { id name createDate } pageInfo { hasNextPage } } }')).toBe(1);
  });

  it('charges nothing for a relation answered from the embedded keys', () => {
    expect(estimate('{ partners(limit: 50) { items { country { id name __typename } } } }')).toBe(1);
  });

  it('charges one call per parent for a relation without an id-list filter', () => {
    // tags → products has an id-list filter (maxPageSize 20): 50 ids need 3 list calls.
    expect(estimate('{ partners(limit: 50) { items { tags { name } } } }')).toBe(1 + 3);
  });

  it('uses the id-list filter: ceil(parents / maxPageSize) calls', () => {
    expect(estimate('{ partners(limit: 50) { items { country { code } } } }')).toBe(2);
  });

  it('takes the page size from variables, the default, and the cap', () => {
    const query = 'query($n: Int) { partners(limit: $n) { items { tags { name } } } }';
    expect(estimate(query, { n: 5 })).toBe(2);
    expect(estimate('{ partners { items { tags { price } } } }')).toBe(1 + 1);
    // Capped at partners' maxPageSize (50): 50 tags → 3 product list calls.
    expect(estimate(query, { n: 500 })).toBe(1 + 3);
  });

  it('estimates a parsed operation without variables once, one with variables for each set', () => {
    const costOf = buildCostEstimator(fixture.index, 10);
    const operationOf = (source: string): OperationDefinitionNode => {
      const found = parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (found === undefined) throw new Error('no operation');
      return found;
    };
    const fixed = operationOf('{ partners(limit: 50) { items { tags { name } } } }');
    expect(costOf({ operation: fixed, fragments: {}, variables: {} })).toBe(1 + 3);
    // The same node again: the first estimate, not a second walk (its selection changed meanwhile).
    const selection = fixed.selectionSet.selections;
    (fixed.selectionSet as { selections: typeof selection }).selections = [];
    expect(costOf({ operation: fixed, fragments: {}, variables: {} })).toBe(1 + 3);
    (fixed.selectionSet as { selections: typeof selection }).selections = selection;
    const withVariables = operationOf('query($n: Int) { partners(limit: $n) { items { tags { name } } } }');
    expect(costOf({ operation: withVariables, fragments: {}, variables: { n: 5 } })).toBe(2);
    expect(costOf({ operation: withVariables, fragments: {}, variables: { n: 500 } })).toBe(1 + 3);
    expect(costOf({ operation: withVariables, fragments: {}, variables: { n: 5 } })).toBe(2);
  });

  it('follows fragments and adds up root fields', () => {
    const query = `{ a: partner(id: 1) { ...P } b: partner(id: 2) { name } country(id: 3) { code } }
      fragment P on Partner { country { code } }`;
    expect(estimate(query)).toBe(1 + 1 + 1 + 1);
  });

  it('charges writes (an update may read back) and what their result selects', () => {
    expect(estimate('mutation { createPartner(input: { name: "x" }) { id country { code } } }')).toBe(2);
    expect(estimate('mutation { updatePartner(id: 1, input: {}) { id } deletePartner(id: 2) }')).toBe(3);
  });

  it('charges _entities one load per representation, by type', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Partner { name country { code } } ... on Product { name } } }`;
    const representations = [
      { __typename: 'Partner', id: '1' },
      { __typename: 'Partner', id: '2' },
      { __typename: 'Product', defaultCode: 'A' },
    ];
    // 2 partners (no id-list filter) + 1 country list call + 1 product list call.
    expect(estimate(query, { r: representations })).toBe(2 + 1 + 1);
  });

  it('ignores introspection and _service', () => {
    expect(estimate('{ __schema { types { name } } _service { sdl } }')).toBe(0);
  });
});

describe('estimateCost without an id-list filter', () => {
  it('charges one GET per parent', () => {
    expect(estimate('{ partners(limit: 50) { items { parent { isCompany } } } }')).toBe(51);
    expect(estimate('{ partners(limit: 50) { items { parent { name } } } }')).toBe(1);
  });
});
