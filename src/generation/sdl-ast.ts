/** Small constructors for graphql-js AST nodes: the SDL is built as a document, never as text. */
import {
  Kind,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NameNode,
  type NamedTypeNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

export const nameNode = (value: string): NameNode => ({ kind: Kind.NAME, value });

export const describe = (text: string): StringValueNode => ({ kind: Kind.STRING, value: text, block: true });

export const namedType = (name: string): NamedTypeNode => ({ kind: Kind.NAMED_TYPE, name: nameNode(name) });

/** `T`, `T!`, `[T!]` or `[T!]!`: list elements are never null. */
export function typeRef(name: string, options: { readonly list: boolean; readonly nonNull: boolean }): TypeNode {
  const inner: TypeNode = options.list ? { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: namedType(name) } } : namedType(name);
  return options.nonNull ? { kind: Kind.NON_NULL_TYPE, type: inner } : inner;
}

export const stringValue = (value: string): ConstValueNode => ({ kind: Kind.STRING, value });

export function directive(name: string, args: Readonly<Record<string, ConstValueNode>> = {}): ConstDirectiveNode {
  const argumentNodes: ConstArgumentNode[] = Object.entries(args).map(([argName, value]) => ({
    kind: Kind.ARGUMENT,
    name: nameNode(argName),
    value,
  }));
  return { kind: Kind.DIRECTIVE, name: nameNode(name), arguments: argumentNodes };
}

export function inputValue(name: string, type: TypeNode, description?: string): InputValueDefinitionNode {
  return {
    kind: Kind.INPUT_VALUE_DEFINITION,
    name: nameNode(name),
    type,
    ...(description === undefined ? {} : { description: describe(description) }),
  };
}

export function fieldDefinition(
  name: string,
  type: TypeNode,
  options: {
    readonly description?: string;
    readonly args?: readonly InputValueDefinitionNode[];
    readonly directives?: readonly ConstDirectiveNode[];
  } = {},
): FieldDefinitionNode {
  return {
    kind: Kind.FIELD_DEFINITION,
    name: nameNode(name),
    type,
    arguments: options.args ?? [],
    ...(options.description === undefined ? {} : { description: describe(options.description) }),
    ...(options.directives === undefined || options.directives.length === 0 ? {} : { directives: options.directives }),
  };
}

/** Definitions' members in name order: the output is deterministic and diffs stay small. */
export function byName<T extends { readonly name: NameNode }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name.value < b.name.value ? -1 : a.name.value > b.name.value ? 1 : 0));
}
