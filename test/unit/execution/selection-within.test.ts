import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectionWithin } from '../../../src/execution/selection-within.js';

/** The first field of the first field of the query (e.g. `country` in `{ partner { country {...} } }`). */
function analyse(source: string, allowed: readonly string[]): boolean {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const outer = operation?.selectionSet.selections[0] as FieldNode;
  const inner = outer.selectionSet?.selections[0] as FieldNode;
  return selectionWithin([inner], fragments, new Set(allowed));
}

describe('selectionWithin', () => {
  it('accepts a selection of allowed fields and __typename', () => {
    expect(analyse('{ partner { country { id name __typename } } }', ['id', 'name'])).toBe(true);
  });

  it('rejects a field outside the allowed set', () => {
    expect(analyse('{ partner { country { name code } } }', ['id', 'name'])).toBe(false);
  });

  it('follows inline fragments and named fragments', () => {
    expect(analyse('{ partner { country { ... on Country { name } } } }', ['name'])).toBe(true);
    expect(analyse('{ partner { country { ...C } } } fragment C on Country { code }', ['name'])).toBe(false);
    expect(analyse('{ partner { country { ...C } } } fragment C on Country { name ... { id } }', ['id', 'name'])).toBe(true);
  });

  it('counts aliased fields by their field name', () => {
    expect(analyse('{ partner { country { label: name } } }', ['name'])).toBe(true);
    expect(analyse('{ partner { country { name: code } } }', ['name'])).toBe(false);
  });
});
