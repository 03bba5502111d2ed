/**
 * The SourceModel: what introspection learned about the upstream, written as `schema/model.json`
 * beside `schema/schema.graphql`. It is the REST mapping the runtime executes: the SDL says what
 * clients may ask, the model says which endpoint, external key and relation answers each field,
 * and holds every GraphQL name the runtime uses (it never re-derives one; `serve` refuses an SDL
 * that disagrees). Plain data, sorted, deterministic; no functions.
 */

/** Version 2 added every GraphQL name the runtime reads (mutations, inputs, enum values, page types). */
export const SOURCE_MODEL_VERSION = 2;

/** The methods an endpoint may allow: the config and the model share this list. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

export const SCALAR_NAMES = ['ID', 'Int', 'Float', 'Boolean', 'String', 'DateTime', 'Date', 'JSON'] as const;

export type ScalarName = (typeof SCALAR_NAMES)[number];

export type ValueModel =
  /** A leaf value. */
  | { readonly kind: 'scalar'; readonly scalar: ScalarName }
  /** A selection field with configured values. */
  | { readonly kind: 'enum'; readonly enumName: string; readonly values: readonly EnumValueModel[] }
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

/** One value of a selection: the GraphQL enum value and the technical key it stands for. */
export interface EnumValueModel {
  /** GraphQL enum value (`TO_INVOICE`). */
  readonly name: string;
  /** Technical key as the upstream sends and takes it (`to invoice`). */
  readonly key: string;
}

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

/** A GraphQL input field and the external key it writes. */
interface InputFieldModel {
  readonly name: string;
  readonly key: string;
}

/** A create or update input type: its name and fields, sorted by name. */
export interface InputModel {
  readonly typeName: string;
  readonly fields: readonly InputFieldModel[];
}

export type MutationKind = 'create' | 'update' | 'delete';

/** A Mutation field of an endpoint: create → POST, update → PUT (partial), delete → DELETE. */
/** The Subscription fields of one endpoint and the event type they yield. */
export interface SubscriptionModel {
  /** `PartnerChange`: `{ event, id, record }`. */
  readonly changeType: string;
  /** `partnerChanged(id: ID!)`. */
  readonly recordField: string;
  /** `partnersChanged(filter: PartnerFilter)`. */
  readonly listField: string;
}

export interface MutationModel {
  readonly kind: MutationKind;
  /** Mutation field name (`createPartner`). */
  readonly field: string;
  /** The `input` argument's type; null where the mutation takes none (delete, a create with nothing writable). */
  readonly input: InputModel | null;
}

export interface EndpointModel {
  /** Configured endpoint name: the URL segment (`partners`, `res-partner`). */
  readonly endpoint: string;
  /** GraphQL type name (`Partner`). */
  readonly typeName: string;
  /** Query field names: list (`partners`) and by id (`partner`). */
  readonly listField: string;
  readonly singleField: string;
  /** The list field's page type (`PartnerPage`). */
  readonly pageTypeName: string;
  /** External key of the record identifier (`id`, `default_code`); `{id}` in URLs is its value. */
  readonly idKey: string;
  /** Methods the endpoint allows, from config (never probed). */
  readonly methods: readonly HttpMethod[];
  readonly filters: readonly FilterModel[];
  /** Input type of the list field's `filter` argument (`PartnerFilter`); null without filters. */
  readonly filterInput: string | null;
  /** In the order create, update, delete; only those the methods allow. */
  readonly mutations: readonly MutationModel[];
  /** The change feed's names for this endpoint, or null when it is not readable (no GET). */
  readonly subscription: SubscriptionModel | null;
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
