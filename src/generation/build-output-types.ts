/** Output types of one endpoint: the entity, its page, its enums and its nested object types, with their REST costs. */
import { Kind, type EnumTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeDefinitionNode } from 'graphql';
import type { EndpointModel, EnumValueModel, FieldModel } from '../model/source-model.js';
import type { NameRegistry } from '../model/name-registry.js';
import { valueTypeName } from '../model/value-type-name.js';
import { freeType, recordFieldCost } from './build-cost-directives.js';
import { byName, describe, directive, fieldDefinition, nameNode, stringValue, typeRef } from './sdl-ast.js';

export function buildOutputTypes(endpoint: EndpointModel, registry: NameRegistry): TypeDefinitionNode[] {
  const origin = `endpoint \`${endpoint.endpoint}\``;
  registry.claim(endpoint.typeName, { describe: origin, configPath: `endpoints.${endpoint.endpoint}.typeName` });
  const pageName = endpoint.pageTypeName;
  registry.claim(pageName, { describe: `the page type of ${origin}`, configPath: `endpoints.${endpoint.endpoint}.typeName` });
  const idField = endpoint.fields.find((field) => field.key === endpoint.idKey);
  const entity = objectType(endpoint.typeName, `From endpoint \`${endpoint.endpoint}\``, endpoint, endpoint.fields, '');
  const keyed: ObjectTypeDefinitionNode =
    endpoint.methods.includes('GET') && idField !== undefined
      ? { ...entity, directives: [directive('key', { fields: stringValue(idField.name) }), freeType()] }
      : entity;
  const page: ObjectTypeDefinitionNode = {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: nameNode(pageName),
    description: describe(`A page of \`${endpoint.typeName}\` from \`GET /${endpoint.endpoint}\``),
    directives: [freeType()],
    fields: [
      fieldDefinition('items', typeRef(endpoint.typeName, { list: true, nonNull: true })),
      fieldDefinition('pageInfo', typeRef('PageInfo', { list: false, nonNull: true })),
    ],
  };
  return [keyed, page, ...nestedTypes(endpoint, endpoint.fields, '', registry)];
}

function objectType(name: string, description: string, endpoint: EndpointModel, fields: readonly FieldModel[], keyPrefix: string): ObjectTypeDefinitionNode {
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: nameNode(name),
    description: describe(description),
    directives: [freeType()],
    fields: byName(
      fields.map((field) =>
        fieldDefinition(field.name, typeRef(valueTypeName(field.value), { list: field.list, nonNull: !field.nullable }), {
          description: `From endpoint \`${endpoint.endpoint}\`, key \`${keyPrefix}${field.key}\``,
          directives: recordFieldCost(field),
        }),
      ),
    ),
  };
}

/** Enums and unlinked nested objects, recursively, each claimed once. */
function nestedTypes(endpoint: EndpointModel, fields: readonly FieldModel[], keyPrefix: string, registry: NameRegistry): TypeDefinitionNode[] {
  return fields.flatMap((field): TypeDefinitionNode[] => {
    const key = `${keyPrefix}${field.key}`;
    const origin = { describe: `endpoint \`${endpoint.endpoint}\`, key \`${key}\``, configPath: `endpoints.${endpoint.endpoint}.fields.${key}` };
    const value = field.value;
    switch (value.kind) {
      case 'enum':
        registry.claim(value.enumName, origin);
        for (const item of value.values) {
          registry.claim(`${value.enumName}.${item.name}`, { ...origin, describe: `value \`${item.key}\` of ${origin.describe}` });
        }
        return [enumType(value.enumName, value.values, endpoint.endpoint, key)];
      case 'object': {
        registry.claim(value.typeName, origin);
        const description = `Nested object of key \`${key}\` of endpoint \`${endpoint.endpoint}\``;
        return [objectType(value.typeName, description, endpoint, value.fields, `${key}.`), ...nestedTypes(endpoint, value.fields, `${key}.`, registry)];
      }
      // Scalars are built in; a relation's type is its target endpoint's entity.
      case 'scalar':
      case 'relation':
        return [];
    }
  });
}

function enumType(name: string, values: readonly EnumValueModel[], endpoint: string, key: string): EnumTypeDefinitionNode {
  return {
    kind: Kind.ENUM_TYPE_DEFINITION,
    name: nameNode(name),
    description: describe(`Selection of key \`${key}\` of endpoint \`${endpoint}\``),
    values: byName(
      values.map((value) => ({
        kind: Kind.ENUM_VALUE_DEFINITION,
        name: nameNode(value.name),
        description: describe(`\`${value.key}\``),
      })),
    ),
  };
}
