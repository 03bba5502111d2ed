/**
 * A validation rule that refuses an operation with more root fields than allowed (fragments at the
 * root expanded). graphql-armor has no such rule; this one is a single pass over the root only.
 */
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { BjetError } from '../../errors/bjet-error.js';

export function rootFieldsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = countFields(context, operation.selectionSet, new Set());
      if (found <= limit) return;
      const error = new BjetError('OPERATION_TOO_MANY_ROOT_FIELDS', `Root fields limit of ${limit} exceeded, found ${found}.`, {
        details: { limit, found },
      });
      context.reportError(new GraphQLError(error.message, { nodes: [operation], originalError: error }));
    },
  });
}

function countFields(context: ValidationContext, selectionSet: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(context, selection.selectionSet, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment !== undefined && fragment !== null) count += countFields(context, fragment.selectionSet, seen);
    }
  }
  return count;
}
