/**
 * The operation limits as one validation rule that runs before graphql-js's own rules can spend
 * time on a hostile document. The counting is graphql-armor's (depth, aliases, directives, and its
 * cost limit with every weight 1 for the number of selected fields) plus our root-field rule; the
 * token limit is graphql-js's `maxTokens`, applied while parsing (build-apollo-server.ts).
 *
 * Why one guard: Apollo runs graphql-js's specified rules and ours in one parallel visit, and some
 * specified rules are quadratic in the fields of a selection set (OverlappingFieldsCanBeMerged).
 * The guard validates the document against the limit rules first, on `Document` entry; when a
 * limit is exceeded it reports the errors and replaces the document with `null`, which by
 * graphql-js's documented `visitInParallel` semantics hides it from every later visitor, so the
 * expensive rules never see it (docs/limits.md, "Why one guard rule").
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  visit,
  visitInParallel,
  type ASTVisitor,
  type GraphQLError as GraphQLErrorType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { OperationLimitsConfig } from '../../config/types.js';
import { BjetError } from '../../errors/bjet-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import { rootFieldsRule } from './root-fields-rule.js';

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;
type Reject = (context: ValidationContext | null, error: GraphQLError) => void;

/** graphql-armor's messages start with "Syntax Error: " whatever the rule; ours keep the rest. */
function rejectAs(code: ErrorCode, limit: number): Reject {
  return (context, armorError) => {
    const message = armorError.message.replace(/^Syntax Error: /, '');
    const found = /found (\d+)/.exec(message)?.[1];
    const error = new BjetError(code, message, { details: { limit, ...(found === undefined ? {} : { found: Number(found) }) } });
    context?.reportError(new GraphQLError(message, { originalError: error }));
  };
}

function armorRules(limits: OperationLimitsConfig): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  const config: ArmorConfig = {
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { ...common, n: limits.depth, flattenFragments: true, ignoreIntrospection: true, onReject: [rejectAs('OPERATION_TOO_DEEP', limits.depth)] },
    maxAliases: { ...common, n: limits.aliases, onReject: [rejectAs('OPERATION_TOO_MANY_ALIASES', limits.aliases)] },
    maxDirectives: { ...common, n: limits.directives, onReject: [rejectAs('OPERATION_TOO_MANY_DIRECTIVES', limits.directives)] },
    costLimit: {
      ...common,
      maxCost: limits.fields,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [rejectAs('OPERATION_TOO_BROAD', limits.fields)],
    },
  };
  return new ApolloArmor(config).protect().validationRules;
}

export function buildLimitRule(limits: OperationLimitsConfig): ValidationRule {
  const rules = [rootFieldsRule(limits.rootFields), ...armorRules(limits)];
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      // The limit rules run in a visit of their own over the same context (not `validate`, which
      // would check the schema's class against this module's copy of graphql: Apollo may load
      // another), with reports counted on the way to the context.
      let refused = false;
      const reportError = (error: GraphQLErrorType): void => {
        refused = true;
        context.reportError(error);
      };
      const counting: ValidationContext = Object.create(context, { reportError: { value: reportError } });
      visit(document, visitInParallel(rules.map((rule) => rule(counting))));
      return refused ? null : undefined;
    },
  });
}
