/**
 * The SourceModel: what introspection learned about the upstream, written as `schema/model.json`
 * beside `schema/schema.graphql`. It is the REST mapping the runtime executes: the SDL says what
 * clients may ask, the model says which endpoint, external key and relation answers each field.
 * Plain data, sorted, deterministic; no functions.
 */

export const SOURCE_MODEL_VERSION = 1;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ScalarName = 'ID' | 'Int' | 'Float' | 'Boolean' | 'String' | 'DateTime' | 'Date' | 'JSON';

export type ValueModel =
  /** A leaf value. */
  | { readonly kind: 'scalar'; readonly scalar: ScalarName }
  /** A selection field with configured values (technical keys). */
  | { readonly kind: 'enum'; readonly enumName: string; readonly values: readonly string[] }
  /** A nested object not linked to an endpoint (a Many2one/x2many whose child has no relation in config). */
  | { readonly kind: 'object'; readonly typeName: string; readonly fields: readonly FieldModel[] }
  /**
   * A Many2one (list: false) or x2many (list: true) linked by config to another endpoint.
   * The upstream embeds an object with `embeddedKeys` (which include the target's identifier key);
   * a selection within those keys costs no REST call, anything else loads the target by id.
   */
  | {
      readonly kind: 'relation';
      readonly endpoint: string;
      readonly typeName: string;
      readonly embeddedKeys: readonly string[];
    };

export interface FieldModel {
  /** External JSON key as the upstream sends it (`contact_email`, `country_id`). */
  readonly key: string;
  /** GraphQL field name (`contactEmail`, `country`). */
  readonly name: string;
  /** True for x2many values (JSON arrays). */
  readonly list: boolean;
  /** True where any sample was `false` (non-Boolean), `null` or missing. */
  readonly nullable: boolean;
  readonly value: ValueModel;
  /** Left out of the create and update inputs (config `readOnly`); written only when true. */
  readonly readOnly?: boolean;
  /** Non-null in the create input (config `required`); written only when true. */
  readonly required?: boolean;
}

export interface FilterModel {
  /** Query-string key as configured on the endpoint. */
  readonly key: string;
  /** GraphQL input field name. */
  readonly name: string;
  readonly value: ValueModel;
}

export interface EndpointModel {
  /** Configured endpoint name: the URL segment (`partners`, `res-partner`). */
  readonly endpoint: string;
  /** GraphQL type name (`Partner`). */
  readonly typeName: string;
  /** Query field names: list (`partners`) and by id (`partner`). */
  readonly listField: string;
  readonly singleField: string;
  /** External key of the record identifier (`id`, `default_code`); `{id}` in URLs is its value. */
  readonly idKey: string;
  /** Methods the endpoint allows, from config (never probed). */
  readonly methods: readonly HttpMethod[];
  readonly filters: readonly FilterModel[];
  /** Filter key that takes a comma-separated identifier list (one list call for a batch), or null. */
  readonly idListFilter: string | null;
  readonly maxPageSize: number;
  /** Sorted by key; includes the identifier field (scalar ID). */
  readonly fields: readonly FieldModel[];
  /** How many records the inference saw (0 means every field type came from config). */
  readonly sampled: number;
}

export interface SourceModel {
  readonly version: typeof SOURCE_MODEL_VERSION;
  /** Sorted by endpoint name. */
  readonly endpoints: readonly EndpointModel[];
}
