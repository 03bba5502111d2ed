/**
 * Counts every GraphQL operation into the server's metrics: its type, its result (`ok` or the code
 * of its first error) and its latency; a budget refusal also by the phase that refused it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { ExecutionContext } from '../../execution/create-execution-context.js';
import type { Metrics } from '../../metrics/create-metrics.js';
import { limitRuleOf } from '../limits/limit-rule-of.js';

function codeOf(error: GraphQLFormattedError | undefined): string {
  const code = error?.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

export function useMetrics(metrics: Metrics): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const result = errors === undefined || errors.length === 0 ? 'ok' : codeOf(errors[0]);
          metrics.operation(operation?.operation ?? 'unknown', result, (performance.now() - started) / 1000);
          const refusal = errors?.find((error) => error.extensions?.['code'] === 'UPSTREAM_BUDGET_EXCEEDED');
          // The static refusal names the estimate; the run-time one only the budget (plugins/use-cost.ts, cost-meter.ts).
          if (refusal !== undefined) metrics.budgetRefused(refusal.extensions?.['estimatedCalls'] === undefined ? 'run' : 'estimate');
          const rule = limitRuleOf(result);
          if (rule !== undefined) metrics.limitRefused(rule);
        },
      };
    },
  };
}
