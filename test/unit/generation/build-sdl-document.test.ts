import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildASTSchema, isNonNullType, parse, type GraphQLObjectType, type GraphQLInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { buildSdlDocument } from '../../../src/generation/build-sdl-document.js';
import { parseSourceModel } from '../../../src/model/parse-source-model.js';
import { printSdl, SDL_HEADER } from '../../../src/generation/print-sdl.js';
import type { EndpointModel, SourceModel } from '../../../src/model/source-model.js';
import { FEDERATION_DIRECTIVES } from './federation-directives.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const CASES = ['odoo-values', 'no-samples'];

function loadModel(name: string): SourceModel {
  const file = path.join(FIXTURES, 'samples', `${name}.model.json`);
  return parseSourceModel(JSON.parse(readFileSync(file, 'utf8')), file);
}

function schemaOf(model: SourceModel): ReturnType<typeof buildASTSchema> {
  return buildASTSchema(parse(FEDERATION_DIRECTIVES + printSdl(buildSdlDocument(model))));
}

function withEndpoint(model: SourceModel, name: string, change: (endpoint: EndpointModel) => EndpointModel): SourceModel {
  return { ...model, endpoints: model.endpoints.map((endpoint) => (endpoint.endpoint === name ? change(endpoint) : endpoint)) };
}

function collision(model: SourceModel): BjetError {
  try {
    buildSdlDocument(model);
  } catch (error) {
    if (error instanceof BjetError) return error;
    throw error;
  }
  throw new Error('expected a collision');
}

describe('buildSdlDocument', () => {
  it.each(CASES)('%s prints the golden SDL', (name) => {
    const golden = readFileSync(path.join(FIXTURES, 'sdl', `${name}.graphql`), 'utf8');
    expect(printSdl(buildSdlDocument(loadModel(name)))).toBe(golden);
  });

  it.each(CASES)('%s is accepted by buildASTSchema and buildSubgraphSchema', (name) => {
    const sdl = printSdl(buildSdlDocument(loadModel(name)));
    expect(sdl.split('\n')[0]).toBe(SDL_HEADER);
    expect(() => schemaOf(loadModel(name))).not.toThrow();
    const subgraph = buildSubgraphSchema({ typeDefs: parse(sdl) });
    expect(subgraph.getQueryType()?.getFields()['_entities']).toBeDefined();
  });

  it('puts @key on the identifier of every type readable by id, and only there', () => {
    const model = withEndpoint(loadModel('no-samples'), 'categories', (endpoint) => ({ ...endpoint, methods: ['POST'] }));
    const sdl = printSdl(buildSdlDocument(model));
    expect(sdl).toContain('type Product @key(fields: "defaultCode") @cost(weight: 0) {');
    expect(sdl).toContain('type Tag @key(fields: "code") @cost(weight: 0) {');
    expect(sdl).toMatch(/type Category @cost\(weight: 0\) \{/);
    expect(sdl).not.toMatch(/\bcategory\(id: ID!\)/);
  });

  it('has mutations only for the methods an endpoint allows', () => {
    const schema = schemaOf(loadModel('odoo-values'));
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort()).toEqual(['createResPartner', 'deleteResPartner', 'updateResPartner']);
    const readOnly = schemaOf(withEndpoint(loadModel('odoo-values'), 'res-partner', (endpoint) => ({ ...endpoint, methods: ['GET'], mutations: [] })));
    expect(readOnly.getMutationType()).toBeUndefined();
  });

  it('requires on create only configured fields and a client-chosen identifier; update is all optional', () => {
    const schema = schemaOf(loadModel('odoo-values'));
    const create = schema.getType('CreateResPartnerInput') as GraphQLInputObjectType;
    const required = Object.values(create.getFields())
      .filter((field) => isNonNullType(field.type))
      .map((field) => field.name);
    expect(required).toEqual(['name']);
    expect(create.getFields()['id']).toBeUndefined();
    expect(create.getFields()['note']).toBeUndefined();
    expect(String(create.getFields()['countryId']?.type)).toBe('ID');
    expect(String(create.getFields()['tagIds']?.type)).toBe('[ID!]');
    expect(String(create.getFields()['lineIds']?.type)).toBe('[JSON!]');
    const update = schema.getType('UpdateResPartnerInput') as GraphQLInputObjectType;
    expect(Object.values(update.getFields()).some((field) => isNonNullType(field.type))).toBe(false);
    const product = schemaOf(loadModel('no-samples')).getType('CreateProductInput') as GraphQLInputObjectType;
    expect(String(product.getFields()['defaultCode']?.type)).toBe('ID!');
  });

  it('types relations as their target and filters from their fields', () => {
    const schema = schemaOf(loadModel('odoo-values'));
    const partner = schema.getType('ResPartner') as GraphQLObjectType;
    expect(String(partner.getFields()['country']?.type)).toBe('Country');
    expect(String(partner.getFields()['tags']?.type)).toBe('[PartnerTag!]!');
    const filter = schema.getType('ResPartnerFilter') as GraphQLInputObjectType;
    expect(String(filter.getFields()['ids']?.type)).toBe('[ID!]');
    expect(String(filter.getFields()['state']?.type)).toBe('ResPartnerState');
    const list = schema.getQueryType()?.getFields()['resPartners'];
    expect(list?.args.map((arg) => `${arg.name}: ${String(arg.type)}`)).toEqual(['limit: Int', 'offset: Int', 'filter: ResPartnerFilter']);
    expect(String(list?.type)).toBe('ResPartnerPage');
  });

  it('is deterministic whatever the order of the model', () => {
    const model = loadModel('odoo-values');
    const reversed: SourceModel = {
      ...model,
      endpoints: [...model.endpoints].reverse().map((endpoint) => ({ ...endpoint, fields: [...endpoint.fields].reverse() })),
    };
    expect(printSdl(buildSdlDocument(reversed))).toBe(printSdl(buildSdlDocument(model)));
  });

  it('names both origins of a type name collision', () => {
    const model = withEndpoint(loadModel('no-samples'), 'tags', (endpoint) => ({
      ...endpoint,
      typeName: 'Category',
      pageTypeName: 'CategoryPage',
      subscription: endpoint.subscription === null ? null : { ...endpoint.subscription, changeType: 'CategoryChange' },
    }));
    const error = collision(model);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details?.['issues']).toEqual([
      {
        path: 'endpoints.tags.typeName',
        message: 'GraphQL name `Category` comes from both endpoint `categories` and endpoint `tags`: set `typeName` (or a field `name`) to tell them apart',
      },
      {
        path: 'endpoints.tags.typeName',
        message:
          'GraphQL name `CategoryPage` comes from both the page type of endpoint `categories` and the page type of endpoint `tags`: set `typeName` (or a field `name`) to tell them apart',
      },
      {
        path: 'endpoints.tags.typeName',
        message:
          'GraphQL name `CategoryChange` comes from both the change event of endpoint `categories` and the change event of endpoint `tags`: set `typeName` (or a field `name`) to tell them apart',
      },
    ]);
  });

  it('names both origins of an enum value collision', () => {
    const model = withEndpoint(loadModel('no-samples'), 'products', (endpoint) => ({
      ...endpoint,
      fields: endpoint.fields.map((field) =>
        field.key === 'kind'
          ? {
              ...field,
              value: {
                kind: 'enum',
                enumName: 'ProductKind',
                values: [
                  { name: 'TO_DO', key: 'to-do' },
                  { name: 'TO_DO', key: 'to_do' },
                ],
              },
            }
          : field,
      ),
    }));
    expect(collision(model).message).toContain(
      'GraphQL name `ProductKind.TO_DO` comes from both value `to-do` of endpoint `products`, key `kind` and value `to_do` of endpoint `products`, key `kind`',
    );
  });

  it('rejects a built-in name', () => {
    const model = withEndpoint(loadModel('no-samples'), 'tags', (endpoint) => ({ ...endpoint, typeName: 'PageInfo' }));
    expect(collision(model).message).toContain('GraphQL name `PageInfo` comes from both the built-in schema and endpoint `tags`');
  });
});
