/** How a model field is written: relations by identifier, unlinked objects as JSON, leaves as themselves. */
import type { TypeNode } from 'graphql';
import type { FieldModel } from '../model/source-model.js';
import { valueTypeName } from '../model/value-type-name.js';
import { typeRef } from './sdl-ast.js';

export function inputTypeFor(field: FieldModel, nonNull: boolean): TypeNode {
  switch (field.value.kind) {
    // A Many2one is written as `{ "<idKey>": v }`; an x2many as a list of those (the whole set).
    case 'relation':
      return typeRef('ID', { list: field.list, nonNull });
    case 'object':
      return typeRef('JSON', { list: field.list, nonNull });
    case 'scalar':
    case 'enum':
      return typeRef(valueTypeName(field.value), { list: field.list, nonNull });
  }
}
