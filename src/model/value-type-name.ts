/** The GraphQL type a value model is named by in the SDL: its scalar, its enum or its object type. */
import type { ValueModel } from './source-model.js';

export function valueTypeName(value: ValueModel): string {
  switch (value.kind) {
    case 'scalar':
      return value.scalar;
    case 'enum':
      return value.enumName;
    case 'object':
    case 'relation':
      return value.typeName;
  }
}
