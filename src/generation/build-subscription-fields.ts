/**
 * The change feed's part of the SDL: per endpoint readable by id, a `<Type>Change` event type and
 * two Subscription fields (one record by id, and the endpoint's records matching a filter), plus
 * the `ChangeKind` enum they share. Pure; sorted by the caller like every other definition.
 */
import { Kind, type EnumTypeDefinitionNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import type { EndpointModel } from '../model/source-model.js';
import type { NameRegistry } from '../model/name-registry.js';
import { CHANGE_KIND_ENUM } from '../model/naming.js';
import { byName, describe, fieldDefinition, inputValue, nameNode, typeRef } from './sdl-ast.js';

export interface SubscriptionParts {
  readonly types: readonly ObjectTypeDefinitionNode[];
  readonly fields: readonly FieldDefinitionNode[];
}

export function buildChangeKindEnum(registry: NameRegistry): EnumTypeDefinitionNode {
  registry.claim(CHANGE_KIND_ENUM, { describe: 'the change feed', configPath: 'endpoints' });
  return {
    kind: Kind.ENUM_TYPE_DEFINITION,
    name: nameNode(CHANGE_KIND_ENUM),
    description: describe('What happened to a record: told by Odoo (the webhook) or by a mutation of this API.'),
    values: ['CREATED', 'DELETED', 'UPDATED'].map((value) => ({ kind: Kind.ENUM_VALUE_DEFINITION, name: nameNode(value) })),
  };
}

export function buildSubscriptionParts(endpoint: EndpointModel, registry: NameRegistry): SubscriptionParts {
  const names = endpoint.subscription;
  if (names === null) return { types: [], fields: [] };
  const name = names.changeType;
  registry.claim(name, { describe: `the change event of endpoint \`${endpoint.endpoint}\``, configPath: `endpoints.${endpoint.endpoint}.typeName` });
  const type: ObjectTypeDefinitionNode = {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: nameNode(name),
    description: describe(`A change of a record of \`/${endpoint.endpoint}\``),
    fields: [
      fieldDefinition('event', typeRef(CHANGE_KIND_ENUM, { list: false, nonNull: true })),
      fieldDefinition('id', typeRef('ID', { list: false, nonNull: true }), { description: `Value of key \`${endpoint.idKey}\`` }),
      fieldDefinition('record', typeRef(endpoint.typeName, { list: false, nonNull: false }), {
        description: 'The record as it is now (read through the cache); null when deleted',
      }),
    ],
  };
  const event = typeRef(name, { list: false, nonNull: true });
  const fields = [
    fieldDefinition(names.recordField, event, {
      description: `Changes of one record of \`/${endpoint.endpoint}\``,
      args: [inputValue('id', typeRef('ID', { list: false, nonNull: true }), `Value of key \`${endpoint.idKey}\``)],
    }),
    fieldDefinition(names.listField, event, {
      description: `Changes of the records of \`/${endpoint.endpoint}\` that match the filter (evaluated on the changed record; deletes always)`,
      args:
        endpoint.filterInput !== null && endpoint.filters.length > 0
          ? [inputValue('filter', typeRef(endpoint.filterInput, { list: false, nonNull: false }))]
          : [],
    }),
  ];
  return { types: [type], fields: byName(fields) };
}
