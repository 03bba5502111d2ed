/**
 * The SDL members the model implies, in the form `readSdlShape` reads them from the SDL: root
 * fields and their arguments, entity, page and nested types, filter and mutation inputs, enum
 * values. What the runtime executes is named here, so any difference with the SDL is drift.
 */
import { CHANGE_KIND_ENUM } from '../model/naming.js';
import { valueTypeName } from '../model/value-type-name.js';
import type { EndpointModel, FieldModel, MutationModel, SubscriptionModel, ValueModel } from '../model/source-model.js';
import { assertNever } from '../shared/guards.js';
import { ENUM_VALUE } from './read-sdl-shape.js';

type Members = Map<string, string>;

/** The values of the change kind enum the SDL declares (generation/build-subscription-fields.ts). */
const CHANGE_KINDS = ['CREATED', 'DELETED', 'UPDATED'] as const;

export function buildModelShape(endpoints: Iterable<EndpointModel>): ReadonlyMap<string, string> {
  const members: Members = new Map();
  for (const endpoint of endpoints) {
    if (endpoint.methods.includes('GET')) addQueryFields(members, endpoint);
    members.set(`${endpoint.pageTypeName}.items`, endpoint.typeName);
    members.set(`${endpoint.pageTypeName}.pageInfo`, 'PageInfo');
    for (const filter of endpoint.filters) {
      if (endpoint.filterInput !== null) members.set(`${endpoint.filterInput}.${filter.name}`, valueTypeName(filter.value));
    }
    for (const mutation of endpoint.mutations) addMutation(members, endpoint, mutation);
    if (endpoint.subscription !== null) addSubscription(members, endpoint, endpoint.subscription);
    addFields(members, endpoint.typeName, endpoint.fields);
  }
  return members;
}

function addQueryFields(members: Members, endpoint: EndpointModel): void {
  // An entity is resolvable by reference only through a read; its key is the identifier's field.
  const idField = endpoint.fields.find((field) => field.key === endpoint.idKey);
  if (idField !== undefined) members.set(`${endpoint.typeName} @key`, idField.name);
  const list = `Query.${endpoint.listField}`;
  members.set(list, endpoint.pageTypeName);
  members.set(`${list}(limit:)`, 'Int');
  members.set(`${list}(offset:)`, 'Int');
  if (endpoint.filterInput !== null && endpoint.filters.length > 0) members.set(`${list}(filter:)`, endpoint.filterInput);
  members.set(`Query.${endpoint.singleField}`, endpoint.typeName);
  members.set(`Query.${endpoint.singleField}(id:)`, 'ID');
}

function addSubscription(members: Members, endpoint: EndpointModel, names: SubscriptionModel): void {
  members.set(`Subscription.${names.recordField}`, names.changeType);
  members.set(`Subscription.${names.recordField}(id:)`, 'ID');
  members.set(`Subscription.${names.listField}`, names.changeType);
  if (endpoint.filterInput !== null && endpoint.filters.length > 0) members.set(`Subscription.${names.listField}(filter:)`, endpoint.filterInput);
  members.set(`${names.changeType}.event`, CHANGE_KIND_ENUM);
  members.set(`${names.changeType}.id`, 'ID');
  members.set(`${names.changeType}.record`, endpoint.typeName);
  for (const value of CHANGE_KINDS) members.set(`${CHANGE_KIND_ENUM}.${value}`, ENUM_VALUE);
}

function addMutation(members: Members, endpoint: EndpointModel, mutation: MutationModel): void {
  const field = `Mutation.${mutation.field}`;
  members.set(field, mutation.kind === 'delete' ? 'ID' : endpoint.typeName);
  if (mutation.kind !== 'create') members.set(`${field}(id:)`, 'ID');
  if (mutation.input === null) return;
  members.set(`${field}(input:)`, mutation.input.typeName);
  for (const input of mutation.input.fields) {
    const written = endpoint.fields.find((candidate) => candidate.key === input.key);
    members.set(`${mutation.input.typeName}.${input.name}`, written === undefined ? `key ${input.key} (not a field)` : inputTypeName(written.value));
  }
}

/** Object fields and enum values, recursively; a nested type shared by two parents is listed once. */
function addFields(members: Members, typeName: string, fields: readonly FieldModel[]): void {
  for (const field of fields) {
    members.set(`${typeName}.${field.name}`, valueTypeName(field.value));
    const value = field.value;
    switch (value.kind) {
      case 'enum':
        value.values.forEach((item) => members.set(`${value.enumName}.${item.name}`, ENUM_VALUE));
        break;
      case 'object':
        addFields(members, value.typeName, value.fields);
        break;
      case 'scalar':
      case 'relation':
        break;
      default:
        assertNever(value);
    }
  }
}

/** Relations are written by identifier, unlinked objects as JSON. */
function inputTypeName(value: ValueModel): string {
  switch (value.kind) {
    case 'relation':
      return 'ID';
    case 'object':
      return 'JSON';
    case 'scalar':
    case 'enum':
      return valueTypeName(value);
  }
}
