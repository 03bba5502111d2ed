/**
 * The pure core of introspection: config + sampled records → SourceModel. Every GraphQL name comes
 * from model/naming.ts; a problem the config can fix is a CONFIG_INVALID issue.
 */
import { configInvalid } from '../config/parse-config.js';
import type { Config, ConfigIssue, EndpointConfig } from '../config/types.js';
import {
  changeTypeNameFor,
  filterInputNameFor,
  listChangedFieldFor,
  listFieldFor,
  pageTypeNameFor,
  recordChangedFieldFor,
  singleFieldFor,
  typeNameFor,
} from '../model/naming.js';
import { SOURCE_MODEL_VERSION, type EndpointModel, type SourceModel } from '../model/source-model.js';
import type { UpstreamRecord } from '../upstream/types.js';
import { checkFieldNames, checkFilterNames } from './check-field-names.js';
import type { InferContext, InferTarget } from './infer-context.js';
import { inferFields } from './infer-fields.js';
import { inferFilters } from './infer-filters.js';
import { inferMutations } from './infer-mutations.js';

interface InferenceResult {
  readonly model: SourceModel;
  /** Things worth a look that do not stop the schema (sample values outside a configured enum). */
  readonly warnings: readonly string[];
}

/** The GraphQL type name of a configured endpoint. */
function endpointTypeName(endpoint: EndpointConfig): string {
  return endpoint.typeName ?? typeNameFor(endpoint.name);
}

export function inferSourceModel(config: Config, samples: Readonly<Record<string, readonly UpstreamRecord[]>>): InferenceResult {
  const targets = new Map<string, InferTarget>(
    config.endpoints.map((endpoint) => [endpoint.name, { typeName: endpointTypeName(endpoint), idKey: endpoint.idKey }]),
  );
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const endpoints = [...config.endpoints]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((endpoint) => inferEndpointModel(endpoint, samples[endpoint.name] ?? [], { targets, issues, warnings }));
  if (issues.length > 0) throw configInvalid(config.source, issues);
  return { model: { version: SOURCE_MODEL_VERSION, endpoints }, warnings };
}

type Sinks = Pick<InferContext, 'targets' | 'issues' | 'warnings'>;

function inferEndpointModel(endpoint: EndpointConfig, records: readonly UpstreamRecord[], sinks: Sinks): EndpointModel {
  const typeName = endpointTypeName(endpoint);
  const ctx: InferContext = { ...sinks, endpoint: endpoint.name, typeName, config: endpoint, keyPrefix: '' };
  const fields = inferFields(records, ctx);
  const filters = inferFilters(endpoint, fields);
  sinks.issues.push(...checkFieldNames(endpoint.name, typeName, fields));
  sinks.issues.push(...checkFilterNames(endpoint.name, filters));
  const listField = listFieldFor(typeName);
  const singleField = singleFieldFor(typeName);
  const subscription = endpoint.methods.includes('GET')
    ? { changeType: changeTypeNameFor(typeName), recordField: recordChangedFieldFor(singleField), listField: listChangedFieldFor(listField) }
    : null;
  return {
    endpoint: endpoint.name,
    typeName,
    listField,
    singleField,
    pageTypeName: pageTypeNameFor(typeName),
    idKey: endpoint.idKey,
    methods: endpoint.methods,
    filters,
    filterInput: filters.length > 0 ? filterInputNameFor(typeName) : null,
    idListFilter: endpoint.idListFilter,
    maxPageSize: endpoint.maxPageSize,
    mutations: inferMutations({ typeName, idKey: endpoint.idKey, methods: endpoint.methods, fields }),
    subscription,
    fields,
    sampled: records.length,
  };
}
