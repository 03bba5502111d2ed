/**
 * The `@cost`/`@listSize` of the committed SDL, read the way Apollo Router's static demand control
 * reads them (a field weighs its `@cost`, else its type's, else 1 for an object and 0 for a leaf,
 * plus its selections, times its list size), give the REST budget's estimate, or more (never less)
 * where the router cannot see what the estimator sees (embedded-only selections, id-list loads).
 */
import { buildASTSchema, getNamedType, isListType, isNonNullType, isObjectType, Kind, parse, valueFromASTUntyped } from 'graphql';
import type { ConstDirectiveNode, GraphQLField, GraphQLNamedType, GraphQLType, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildTypeIndex } from '../../../src/execution/build-type-index.js';
import { buildCostEstimator } from '../../../src/execution/estimate-cost.js';
import { loadSchemaArtifacts } from '../../../src/model/load-schema-artifacts.js';
import { SCHEMA_DIR } from '../../support/start-stack.js';
import { FEDERATION_DIRECTIVES } from './federation-directives.js';

const { sdl, model } = await loadSchemaArtifacts(SCHEMA_DIR);
const schema = buildASTSchema(parse(FEDERATION_DIRECTIVES + sdl));
const estimator = buildCostEstimator(buildTypeIndex(model), 20);
/** The router's `static_estimated.list_size`: never used when every list field is sized. */
const ROUTER_LIST_SIZE = 1000;

const directiveOf = (nodes: readonly ConstDirectiveNode[] | undefined, name: string) => nodes?.find((node) => node.name.value === name);
const intArg = (node: ConstDirectiveNode | undefined, name: string): number | undefined => {
  const value = node?.arguments?.find((arg) => arg.name.value === name)?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
};
const isList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

function weightOf(field: GraphQLField<unknown, unknown>, type: GraphQLNamedType): number {
  const typeDirectives = isObjectType(type) ? type.astNode?.directives : undefined;
  const fieldWeight = intArg(directiveOf(field.astNode?.directives, 'cost'), 'weight');
  return fieldWeight ?? intArg(directiveOf(typeDirectives, 'cost'), 'weight') ?? (isObjectType(type) ? 1 : 0);
}

function selectionCost(
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  sized: { fields: readonly string[]; size: number } | null,
): number {
  if (!isObjectType(parent) || selectionSet === undefined) return 0;
  let sum = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
    const field = parent.getFields()[selection.name.value];
    if (field === undefined) throw new Error(`no field ${selection.name.value}`);
    const type = getNamedType(field.type);
    const listSize = directiveOf(field.astNode?.directives, 'listSize');
    const limit = selection.arguments?.find((arg) => arg.name.value === 'limit');
    const expected = limit === undefined ? intArg(listSize, 'assumedSize') : Number(valueFromASTUntyped(limit.value));
    const sizedFields = listSize?.arguments?.find((arg) => arg.name.value === 'sizedFields');
    const childSized =
      sizedFields === undefined || expected === undefined ? null : { fields: valueFromASTUntyped(sizedFields.value) as string[], size: expected };
    const count = !isList(field.type)
      ? 1
      : sized?.fields.includes(field.name) === true
        ? sized.size
        : childSized === null
          ? (expected ?? ROUTER_LIST_SIZE)
          : ROUTER_LIST_SIZE;
    sum += count * (weightOf(field, type) + selectionCost(type, selection.selectionSet, childSized));
  }
  return sum;
}

function costs(source: string): { readonly router: number; readonly ours: number } {
  const operation = parse(source).definitions[0] as OperationDefinitionNode;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (root === null || root === undefined) throw new Error('no root');
  return { router: selectionCost(root, operation.selectionSet, null), ours: estimator({ operation, fragments: {}, variables: {} }) };
}

describe('cost directives as a router reads them', () => {
  it.each([
    ['a list page', '{ partners(limit: 50) { items { id name } pageInfo { hasNextPage } } }', 1],
    ['the default page size', '{ countries { items { id code } } }', 1],
    ['a by-id read and its relation', '{ partner(id: "3") { name country { code } } }', 2],
    ['a relation per parent', '{ products(limit: 30) { items { categ { completeName } uom { ratio } } } }', 1 + 30 + 30],
    ['nested relations', '{ productCategories(limit: 5) { items { parent { completeName parent { completeName } } } } }', 1 + 5 + 5],
    ['an x2many of one record per parent', '{ products(limit: 8) { items { productTags { color } } } }', 1 + 8],
    ['writes', 'mutation { createPartner(input: { name: "x" }) { id } updatePartner(id: "3", input: { city: "y" }) { id } deletePartner(id: "4") }', 1 + 2 + 1],
  ])('%s: the same count', (_name, source, expected) => {
    expect(costs(source)).toEqual({ router: expected, ours: expected });
  });

  it('counts more than the budget, never less, where it cannot see embedded keys or id-list loads', () => {
    // Within the embedded keys: no load for us; the router cannot tell.
    expect(costs('{ products(limit: 10) { items { categ { id name } } } }')).toEqual({ router: 11, ours: 1 });
    // countries has an id-list filter: 40 countries in one list call for us.
    expect(costs('{ partners(limit: 40) { items { country { code } } } }')).toEqual({ router: 41, ours: 2 });
    expect(costs('{ saleOrders(limit: 5) { items { partner { city } orderLine { product { listPrice } } } } }')).toEqual({ router: 16, ours: 3 });
  });
});
