/**
 * The static worst case of an operation in REST calls, before any is made: a list field is one call
 * and multiplies what is under it by its page size; a relation not answerable from the embedded
 * object costs one load per parent (or one list call per `maxPageSize` ids with an id-list filter);
 * a by-id read is one; `_entities` is one load per representation. Loader de-duplication only
 * lowers the real count. An x2many is assumed to hold one record per parent: longer lists are
 * caught at run time by the cost meter. A subscription is costed per change event: what its
 * `record` selection loads (the record itself is read once per change for all its subscribers,
 * outside the event's budget).
 */
import { Kind, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { EndpointModel } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import { pageSizeOf } from './build-page-request.js';
import { embeddedFieldNames, type TypeIndex } from './build-type-index.js';
import { selectionWithin, type FragmentMap } from './selection-within.js';

export interface CostRequest {
  readonly operation: OperationDefinitionNode;
  readonly fragments: FragmentMap;
  readonly variables: Readonly<Record<string, unknown>>;
}

export type CostEstimator = (request: CostRequest) => number;

type RootField = { readonly kind: 'list' | 'single' | 'change' | 'create' | 'update' | 'delete'; readonly endpoint: EndpointModel };

/** Writes cost one call, and an update may read the record back. */
const WRITE_CALLS = { create: 1, update: 2, delete: 1 } as const;

interface Walk {
  readonly index: TypeIndex;
  readonly roots: ReadonlyMap<string, RootField>;
  readonly byType: ReadonlyMap<string, EndpointModel>;
  readonly defaultPageSize: number;
  readonly fragments: FragmentMap;
  readonly variables: Readonly<Record<string, unknown>>;
}

export function buildCostEstimator(index: TypeIndex, defaultPageSize: number): CostEstimator {
  const roots = buildRootFields(index);
  const byType = new Map([...index.endpoints.values()].map((endpoint) => [endpoint.typeName, endpoint]));
  // Without variables an operation costs the same every time, and its parsed document is reused
  // (Apollo's document store): estimated once per operation node.
  const constant = new WeakMap<OperationDefinitionNode, number>();
  return ({ operation, fragments, variables }) => {
    const known = constant.get(operation);
    if (known !== undefined) return known;
    const walk: Walk = { index, roots, byType, defaultPageSize, fragments, variables };
    const cost = fieldsOf(operation.selectionSet, '', fragments).reduce((sum, node) => sum + rootCost(walk, node), 0);
    if ((operation.variableDefinitions?.length ?? 0) === 0) constant.set(operation, cost);
    return cost;
  };
}

/** Calls under `parents` records of `typeName` for a selection set. */
function selectionCost(walk: Walk, typeName: string, selectionSet: SelectionSetNode | undefined, parents: number): number {
  return fieldsOf(selectionSet, typeName, walk.fragments).reduce((sum, node) => sum + fieldCost(walk, typeName, node, parents), 0);
}

function fieldCost(walk: Walk, typeName: string, node: FieldNode, parents: number): number {
  const field = walk.index.types.get(typeName)?.fields.get(node.name.value);
  if (field === undefined) return 0;
  const value = field.value;
  switch (value.kind) {
    case 'scalar':
    case 'enum':
      return 0;
    case 'object':
      return selectionCost(walk, value.typeName, node.selectionSet, parents);
    case 'relation': {
      const free = selectionWithin([node], walk.fragments, embeddedFieldNames(walk.index, value.endpoint, value.embeddedKeys));
      const target = walk.index.endpoints.get(value.endpoint);
      const loads = free || target === undefined ? 0 : loadCalls(target, parents);
      return loads + selectionCost(walk, value.typeName, node.selectionSet, parents);
    }
  }
}

function rootCost(walk: Walk, node: FieldNode): number {
  if (node.name.value === '_entities') return entitiesCost(walk, node);
  const root = walk.roots.get(node.name.value);
  if (root === undefined) return 0;
  const typeName = root.endpoint.typeName;
  switch (root.kind) {
    case 'single':
      return 1 + selectionCost(walk, typeName, node.selectionSet, 1);
    case 'create':
    case 'update':
    case 'delete':
      return WRITE_CALLS[root.kind] + selectionCost(walk, typeName, node.selectionSet, 1);
    case 'list': {
      const pageSize = pageSizeOf(argumentValue(node, 'limit', walk.variables), root.endpoint, walk.defaultPageSize);
      const items = namedFields(walk, node, 'items');
      return 1 + items.reduce((sum, field) => sum + selectionCost(walk, typeName, field.selectionSet, pageSize), 0);
    }
    case 'change':
      return namedFields(walk, node, 'record').reduce((sum, field) => sum + selectionCost(walk, typeName, field.selectionSet, 1), 0);
  }
}

function entitiesCost(walk: Walk, node: FieldNode): number {
  const representations = argumentValue(node, 'representations', walk.variables);
  const counts = new Map<string, number>();
  for (const item of Array.isArray(representations) ? representations : []) {
    const typeName = isRecord(item) ? item['__typename'] : undefined;
    if (typeof typeName === 'string') counts.set(typeName, (counts.get(typeName) ?? 0) + 1);
  }
  let sum = 0;
  for (const [typeName, count] of counts) {
    const endpoint = walk.byType.get(typeName);
    sum += (endpoint === undefined ? 0 : loadCalls(endpoint, count)) + selectionCost(walk, typeName, node.selectionSet, count);
  }
  return sum;
}

/** Calls to load `count` distinct records of an endpoint. */
function loadCalls(endpoint: EndpointModel, count: number): number {
  return endpoint.idListFilter === null ? count : Math.ceil(count / endpoint.maxPageSize);
}

function buildRootFields(index: TypeIndex): Map<string, RootField> {
  const roots = new Map<string, RootField>();
  for (const endpoint of index.endpoints.values()) {
    roots.set(endpoint.listField, { kind: 'list', endpoint });
    roots.set(endpoint.singleField, { kind: 'single', endpoint });
    for (const mutation of endpoint.mutations) roots.set(mutation.field, { kind: mutation.kind, endpoint });
    if (endpoint.subscription === null) continue;
    roots.set(endpoint.subscription.recordField, { kind: 'change', endpoint });
    roots.set(endpoint.subscription.listField, { kind: 'change', endpoint });
  }
  return roots;
}

/** The fields named `name` directly under a field (its list's `items`, its change's `record`). */
function namedFields(walk: Walk, node: FieldNode, name: string): FieldNode[] {
  return fieldsOf(node.selectionSet, '', walk.fragments).filter((field) => field.name.value === name);
}

function argumentValue(node: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  return argument === undefined ? undefined : valueFromASTUntyped(argument.value, variables);
}

/**
 * The fields of a selection set as seen on `typeName`: fragments are flattened, and a fragment whose
 * type condition names another type is skipped (only `_entities` mixes types here). An empty
 * `typeName` keeps every fragment.
 */
function fieldsOf(selectionSet: SelectionSetNode | undefined, typeName: string, fragments: FragmentMap, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      fields.push(selection);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (fragment === undefined) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
    }
    const condition = fragment.typeCondition?.name.value;
    if (typeName !== '' && condition !== undefined && condition !== typeName) continue;
    fields.push(...fieldsOf(fragment.selectionSet, typeName, fragments, seen));
  }
  return fields;
}
