/**
 * The REST-call budget. Before execution the operation's static worst case is compared with the
 * budget and an over-wide operation is refused before any call; after it, the calls actually made
 * go in `extensions.cost` when the config asks for it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionContext } from '../../execution/create-execution-context.js';
import type { CostEstimator } from '../../execution/estimate-cost.js';
import { checkBudget } from '../limits/check-budget.js';

export interface CostPluginOptions {
  readonly estimate: CostEstimator;
  readonly budget: number;
  readonly costInExtensions: boolean;
}

export function useCost(options: CostPluginOptions): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, response }) {
          if (operation === undefined) return;
          const error = checkBudget(options.estimate, options.budget, { operation, document, variables: request.variables ?? {} });
          if (error === null) return;
          // Set here, not through `extensions.http`: Apollo reads that only from its own GraphQLError class.
          response.http.status = error.httpStatus;
          throw error;
        },
        async willSendResponse({ response, contextValue }) {
          if (!options.costInExtensions || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: costOf(contextValue, options.budget) };
        },
      };
    },
  };
}

function costOf(context: ExecutionContext, budget: number): Record<string, number> {
  const meter = context.meter;
  return { restCalls: meter.sent, sharedCalls: meter.shared, cacheHits: meter.cacheHits, staleHits: meter.staleHits, budget };
}
