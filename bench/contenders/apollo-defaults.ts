/**
 * "Apollo defaults": the straightforward first build a team would write over the same generated
 * schema. Apollo Server 5 standalone with its default plugins, `buildSubgraphSchema`, and plain
 * resolvers that call the upstream with global `fetch`: no DataLoader, no de-duplication, every
 * relation fetched by id (even when the upstream embedded the fields asked for).
 *
 *   node apollo-defaults.js --port N --schema DIR --config BENCH_CONFIG.json
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type DocumentNode } from 'graphql';
import { enumValueFor, inputFieldNameFor } from '../../src/model/naming.js';
import type { EndpointModel, FieldModel, SourceModel } from '../../src/model/source-model.js';
import { readUpstreamSettings, type UpstreamSettings } from './read-upstream-settings.js';

type Row = Record<string, unknown>;
type FieldResolver = (parent: Row, args: Row) => unknown;
type ResolverMap = Record<string, Record<string, FieldResolver>>;

const { values } = parseArgs({ options: { port: { type: 'string' }, schema: { type: 'string' }, config: { type: 'string' } } });
const schemaDir = values.schema ?? 'schema';
const settings = readUpstreamSettings(values.config ?? '');
const typeDefs = parse(readFileSync(path.join(schemaDir, 'schema.graphql'), 'utf8'));
const model = JSON.parse(readFileSync(path.join(schemaDir, 'model.json'), 'utf8')) as SourceModel;
const endpoints = new Map(model.endpoints.map((endpoint) => [endpoint.endpoint, endpoint]));

async function callUpstream(upstream: UpstreamSettings, endpoint: string, suffix: string, init: RequestInit = {}): Promise<unknown> {
  const headers = { accept: 'application/json', 'content-type': 'application/json', ...upstream.headersFor(endpoint) };
  const response = await fetch(`${upstream.baseUrl}/${endpoint}${suffix}`, { ...init, headers });
  if (response.status === 404 && (init.method ?? 'GET') === 'GET' && suffix.startsWith('/')) return null;
  if (!response.ok) throw new Error(`upstream answered ${response.status} for ${endpoint}`);
  return response.json();
}

const getOne = (endpoint: EndpointModel, id: unknown): Promise<unknown> => callUpstream(settings, endpoint.endpoint, `/${encodeURIComponent(String(id))}`);

function fieldResolver(field: FieldModel, resolvers: ResolverMap): FieldResolver {
  const value = field.value;
  switch (value.kind) {
    case 'scalar':
      return value.scalar === 'Boolean' ? (parent) => parent[field.key] : (parent) => (parent[field.key] === false ? null : parent[field.key]);
    case 'enum':
      return (parent) => {
        const raw = parent[field.key];
        if (Array.isArray(raw)) return raw.map((item) => enumValueFor(String(item)));
        return typeof raw === 'string' ? enumValueFor(raw) : null;
      };
    case 'object':
      addTypeResolvers(value.typeName, value.fields, resolvers);
      return (parent) => (parent[field.key] === false ? (field.list ? [] : null) : parent[field.key]);
    case 'relation': {
      const target = endpoints.get(value.endpoint);
      if (target === undefined) throw new Error(`no endpoint ${value.endpoint} in model.json`);
      return (parent) => {
        const raw = parent[field.key];
        if (field.list) return Array.isArray(raw) ? Promise.all(raw.map((item: Row) => getOne(target, item[target.idKey]))) : [];
        return raw !== null && typeof raw === 'object' ? getOne(target, (raw as Row)[target.idKey]) : null;
      };
    }
  }
}

function addTypeResolvers(typeName: string, fields: readonly FieldModel[], resolvers: ResolverMap): void {
  const type: Record<string, FieldResolver> = {};
  resolvers[typeName] = type;
  for (const field of fields) type[field.name] = fieldResolver(field, resolvers);
}

function listResolver(endpoint: EndpointModel): FieldResolver {
  return async (_parent, args) => {
    const limit = typeof args.limit === 'number' ? args.limit : 20;
    const offset = typeof args.offset === 'number' ? args.offset : 0;
    const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    const filter = (args.filter ?? {}) as Row;
    for (const item of endpoint.filters) {
      if (filter[item.name] !== undefined && filter[item.name] !== null) query.set(item.key, String(filter[item.name]));
    }
    const items = (await callUpstream(settings, endpoint.endpoint, `?${query.toString()}`)) as Row[];
    return { items, pageInfo: { hasNextPage: items.length === limit, limit, offset } };
  };
}

function writeBody(endpoint: EndpointModel, input: Row): Row {
  const body: Row = {};
  for (const field of endpoint.fields) {
    const value = input[inputFieldNameFor(field.key)];
    if (value === undefined) continue;
    const target = field.value.kind === 'relation' ? endpoints.get(field.value.endpoint) : undefined;
    const asRef = (id: unknown): unknown => ({ [target?.idKey ?? 'id']: /^\d+$/.test(String(id)) ? Number(id) : id });
    if (value === null) body[field.key] = false;
    else if (target === undefined) body[field.key] = value;
    else body[field.key] = Array.isArray(value) ? value.map(asRef) : asRef(value);
  }
  return body;
}

function mutationResolvers(endpoint: EndpointModel): Record<string, FieldResolver> {
  const send = (method: string, suffix: string, input?: Row): Promise<unknown> =>
    callUpstream(settings, endpoint.endpoint, suffix, { method, ...(input === undefined ? {} : { body: JSON.stringify(writeBody(endpoint, input)) }) });
  const id = (args: Row): string => `/${encodeURIComponent(String(args.id))}`;
  return {
    [`create${endpoint.typeName}`]: (_parent, args) => send('POST', '', args.input as Row),
    [`update${endpoint.typeName}`]: (_parent, args) => send('PUT', id(args), args.input as Row),
    [`delete${endpoint.typeName}`]: async (_parent, args) => {
      await send('DELETE', id(args));
      return true;
    },
  };
}

/** Object type → its field names in the SDL: resolvers go only where a field exists. */
function sdlFields(document: DocumentNode): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const names = fields.get(definition.name.value) ?? new Set<string>();
    for (const field of definition.fields ?? []) names.add(field.name.value);
    fields.set(definition.name.value, names);
  }
  return fields;
}

function buildResolvers(): ResolverMap {
  const resolvers: ResolverMap = { Query: {}, Mutation: {} };
  for (const endpoint of model.endpoints) {
    addTypeResolvers(endpoint.typeName, endpoint.fields, resolvers);
    const idField = endpoint.fields.find((field) => field.key === endpoint.idKey)?.name ?? 'id';
    const type = resolvers[endpoint.typeName] ?? {};
    type.__resolveReference = (reference) => getOne(endpoint, reference[idField]);
    resolvers.Query = { ...resolvers.Query, [endpoint.listField]: listResolver(endpoint) };
    resolvers.Query[endpoint.singleField] = (_parent, args) => getOne(endpoint, args.id);
    Object.assign(resolvers.Mutation ?? {}, mutationResolvers(endpoint));
  }
  const existing = sdlFields(typeDefs);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const names = existing.get(typeName);
    if (names === undefined) delete resolvers[typeName];
    else for (const name of Object.keys(fields)) if (name !== '__resolveReference' && !names.has(name)) delete fields[name];
  }
  return resolvers;
}

const schema = buildSubgraphSchema({ typeDefs, resolvers: buildResolvers() });
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(values.port ?? 0), host: '127.0.0.1' } });
process.stdout.write(`apollo-defaults listening on ${url}\n`);
