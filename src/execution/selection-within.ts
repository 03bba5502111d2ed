/**
 * Whether a field's sub-selection asks only for fields in an allowed set: the test that lets a
 * relation answer from the object the upstream already embedded, at no REST cost. Fragments
 * (inline and named) are followed; `@skip`/`@include` are ignored, which only errs towards loading.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export type FragmentMap = Readonly<Record<string, FragmentDefinitionNode>>;

export function selectionWithin(fieldNodes: readonly FieldNode[], fragments: FragmentMap, allowed: ReadonlySet<string>): boolean {
  return fieldNodes.every((node) => node.selectionSet === undefined || setWithin(node.selectionSet, fragments, allowed, new Set()));
}

function setWithin(selectionSet: SelectionSetNode, fragments: FragmentMap, allowed: ReadonlySet<string>, visited: Set<string>): boolean {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (selection.name.value !== '__typename' && !allowed.has(selection.name.value)) return false;
        break;
      case Kind.INLINE_FRAGMENT:
        if (!setWithin(selection.selectionSet, fragments, allowed, visited)) return false;
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments[name];
        // Validation rejects unknown and cyclic spreads before execution; the guard keeps this total.
        if (fragment === undefined || visited.has(name)) break;
        visited.add(name);
        if (!setWithin(fragment.selectionSet, fragments, allowed, visited)) return false;
        break;
      }
    }
  }
  return true;
}
