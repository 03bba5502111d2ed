/**
 * The REST-call budget. Before execution the operation's static worst case is compared with the
 * budget and an over-wide operation is refused before any call; after it, the calls actually made
 * go in `extensions.cost` when the config asks for it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { BjetError } from '../../errors/bjet-error.js';
import type { ExecutionContext } from '../../execution/create-execution-context.js';
import type { CostEstimator } from '../../execution/estimate-cost.js';

export interface CostPluginOptions {
  readonly estimate: CostEstimator;
  readonly budget: number;
  readonly costInExtensions: boolean;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

export function useCost(options: CostPluginOptions): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, response }) {
          if (operation === undefined) return;
          const estimated = options.estimate({ operation, fragments: fragmentsOf(document), variables: request.variables ?? {} });
          if (estimated <= options.budget) return;
          const error = new BjetError(
            'UPSTREAM_BUDGET_EXCEEDED',
            `This operation could need ${estimated} REST calls, over its budget of ${options.budget}; ask for smaller pages or fewer relations.`,
            { details: { estimatedCalls: estimated, budget: options.budget } },
          );
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
