/**
 * graphql-ws's hooks: documents parsed and checked against the operation limits once per text, the
 * REST-call budget at every subscribe (it reads variables), subscriptions only, our runner and
 * error formatting. A refusal answers the subscribe message with HTTP's codes, before anything is
 * subscribed or read, and is counted in the same metrics as HTTP's.
 */
import { GraphQLError, getOperationAST, type DocumentNode } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { checkBudget } from '../server/limits/check-budget.js';
import { buildLimitOptions } from '../server/limits/build-limit-options.js';
import { limitRuleOf } from '../server/limits/limit-rule-of.js';
import { createDocumentCache } from './create-document-cache.js';
import type { SubscriptionContexts } from './create-subscription-contexts.js';
import type { SubscriptionServerOptions } from './register-subscriptions.js';
import { createSubscriptionRunner } from './run-subscription.js';
import { isSubscriptionContext } from './subscription-context.js';

type ProtocolOptions = ServerOptions<Record<string, unknown> | undefined, Extra> & { isProd: boolean };
type Variables = Readonly<Record<string, unknown>> | null | undefined;

export function buildProtocolOptions(options: SubscriptionServerOptions, contexts: SubscriptionContexts): ProtocolOptions {
  const { schema, formatError } = options;
  const runSubscription = createSubscriptionRunner();
  const documents = createDocumentCache(schema, buildLimitOptions(options.config.server.limits), options.config.server.documentCache);
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  const overBudget = budgetCheck(options);
  return {
    schema,
    isProd: true,
    connectionInitWaitTimeout: options.config.subscriptions.connectionInitTimeoutMs,
    context: (ctx) => contexts.subscriptionContext(ctx),
    onSubscribe: (_ctx, _id, payload) => {
      const parsed = documents(payload.query);
      if (parsed.kind === 'invalid') {
        countLimitRefusal(options, format(parsed.errors.slice(0, 1))[0]?.extensions?.['code']);
        return parsed.errors;
      }
      const refusal = overBudget(parsed.document, payload.operationName, payload.variables);
      if (refusal !== null) return [refusal];
      return { schema, document: parsed.document, operationName: payload.operationName, variableValues: payload.variables };
    },
    execute: () => ({
      errors: [
        new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP.', { extensions: { code: 'BAD_USER_INPUT' } }),
      ],
    }),
    subscribe: (args) =>
      runSubscription(args, () => contexts.executionContext(args.contextValue), isSubscriptionContext(args.contextValue) ? args.contextValue.shareKey : ''),
    onError: (_ctx, _id, _payload, errors) => format(errors),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors === undefined ? result : { ...result, errors: format(result.errors) }),
  };
}

/** Counted by the rule of the first error, like HTTP's metrics plugin does. */
function countLimitRefusal(options: SubscriptionServerOptions, code: unknown): void {
  const rule = typeof code === 'string' ? limitRuleOf(code) : undefined;
  if (rule !== undefined) options.metrics?.limitRefused(rule);
}

/** The budget refusal of the operation the subscribe message names, as a GraphQL error; `null` within it (or no such operation: graphql-ws says so). */
function budgetCheck(
  options: SubscriptionServerOptions,
): (document: DocumentNode, operationName: string | null | undefined, variables: Variables) => GraphQLError | null {
  const budget = options.config.server.budget;
  return (document: DocumentNode, operationName: string | null | undefined, variables: Variables): GraphQLError | null => {
    const operation = getOperationAST(document, operationName);
    if (operation === null || operation === undefined) return null;
    const error = checkBudget(options.estimate, budget, { operation, document, variables: variables ?? {} });
    if (error === null) return null;
    options.metrics?.budgetRefused('estimate');
    return new GraphQLError(error.message, { originalError: error });
  };
}
