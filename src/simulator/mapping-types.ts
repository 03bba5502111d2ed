/**
 * The simulator's endpoint configurations, shaped like BJET's: an endpoint is bound to one model, maps
 * external keys to Odoo fields, and relational fields point to a child configuration.
 */
import type { HttpMethod } from '../model/source-model.js';
import type { SimAuth } from './types.js';

export type ScalarType = 'char' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'selection';

export interface ScalarMapping {
  readonly kind: 'scalar';
  readonly key: string;
  readonly field: string;
  readonly type: ScalarType;
  readonly selection?: readonly string[];
  /** Computed or system fields: ignored on write. */
  readonly readonly?: boolean;
  readonly required?: boolean;
}

export interface RelationMapping {
  readonly kind: 'many2one' | 'many2many' | 'one2many';
  readonly key: string;
  readonly field: string;
  readonly child: ChildMapping;
  readonly readonly?: boolean;
  readonly required?: boolean;
}

export type FieldMapping = ScalarMapping | RelationMapping;

export interface ChildMapping {
  readonly model: string;
  /** External key of the record identifier; a relation's write form locates the child by it. */
  readonly idKey: string;
  readonly fields: readonly FieldMapping[];
}

export type FilterOperator = 'eq' | 'contains' | 'in';

export interface FilterMapping {
  readonly key: string;
  readonly field: string;
  readonly operator: FilterOperator;
}

export interface EndpointMapping extends ChildMapping {
  readonly name: string;
  readonly methods: readonly HttpMethod[];
  readonly auth: SimAuth;
  /** Filter keys; `in` keys are present only when the `inFilter` switch enables them. */
  readonly filters: readonly FilterMapping[];
}

/** The Odoo field behind a mapping's identifier key. */
export function idFieldOf(mapping: ChildMapping): string {
  const field = mapping.fields.find((candidate) => candidate.key === mapping.idKey);
  if (field === undefined) throw new Error(`simulator: ${mapping.model} maps no ${mapping.idKey}`);
  return field.field;
}
