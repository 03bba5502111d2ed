/**
 * `@cost` and `@listSize` (federation v2.9, the IBM cost spec as Apollo Router's demand control
 * reads it) carrying the REST budget of execution/estimate-cost.ts, so a router refuses before it
 * calls us what our budget would refuse. The router counts a field as its weight (an object type's
 * weight when the field has none: 1 by default, 0 for leaves) plus its selections, times the list
 * size for a list. Hence: every object type weighs 0 (reading fields of a record fetched makes no
 * call), and the fields that make REST calls weigh what they make:
 *
 * - a list field: 1 call, its `items` sized by `limit` (the default page size when absent);
 * - a by-id read: 1; a create 1, an update 2 (it may read the record back), a delete 1;
 * - a relation: 1 load per parent record, and an x2many is assumed to hold one record per parent
 *   (the cost meter catches longer lists at run time), as the estimator assumes.
 *
 * Where the router cannot follow the estimator it counts more, never less (docs/cost-directives.md):
 * a relation whose selection stays within the embedded keys, or loaded through an id-list filter.
 */
import { Kind, type ConstDirectiveNode, type ConstValueNode } from 'graphql';
import type { EndpointModel, FieldModel } from '../model/source-model.js';
import { directive, stringValue } from './sdl-ast.js';

export interface CostOptions {
  /** `limit` of a list field when the query gives none (the config's `server.defaultPageSize`). */
  readonly defaultPageSize: number;
}

/** REST calls of each root field kind (execution/estimate-cost.ts counts the same). */
export const ROOT_FIELD_CALLS = { list: 1, single: 1, create: 1, update: 2, delete: 1 } as const;

const intValue = (value: number): ConstValueNode => ({ kind: Kind.INT, value: String(value) });
const stringList = (values: readonly string[]): ConstValueNode => ({ kind: Kind.LIST, values: values.map(stringValue) });

export const cost = (weight: number): ConstDirectiveNode => directive('cost', { weight: intValue(weight) });

/** On every object type: fields of a record already fetched make no call. */
export const freeType = (): ConstDirectiveNode => cost(0);

export function listFieldCost(endpoint: EndpointModel, options: CostOptions): ConstDirectiveNode[] {
  return [
    cost(ROOT_FIELD_CALLS.list),
    directive('listSize', {
      assumedSize: intValue(Math.min(options.defaultPageSize, endpoint.maxPageSize)),
      slicingArguments: stringList(['limit']),
      sizedFields: stringList(['items']),
      requireOneSlicingArgument: { kind: Kind.BOOLEAN, value: false },
    }),
  ];
}

/** A field of a record type: a relation loads its target, an x2many counts as one element. */
export function recordFieldCost(field: FieldModel): ConstDirectiveNode[] {
  const composite = field.value.kind === 'relation' || field.value.kind === 'object';
  return [...(field.value.kind === 'relation' ? [cost(1)] : []), ...(field.list && composite ? [directive('listSize', { assumedSize: intValue(1) })] : [])];
}
