/**
 * The static REST-call budget check: an operation whose worst case is over `server.budget` is
 * refused before any call. Apollo's cost plugin and the WebSocket server both ask it.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { BjetError } from '../../errors/bjet-error.js';
import type { CostEstimator } from '../../execution/estimate-cost.js';

export interface BudgetRequest {
  readonly operation: OperationDefinitionNode;
  readonly document: DocumentNode;
  readonly variables: Readonly<Record<string, unknown>>;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** The refusal (UPSTREAM_BUDGET_EXCEEDED, with the estimate), or `null` within the budget. */
export function checkBudget(estimate: CostEstimator, budget: number, request: BudgetRequest): BjetError | null {
  const estimated = estimate({ operation: request.operation, fragments: fragmentsOf(request.document), variables: request.variables });
  if (estimated <= budget) return null;
  return new BjetError(
    'UPSTREAM_BUDGET_EXCEEDED',
    `This operation could need ${estimated} REST calls, over its budget of ${budget}; ask for smaller pages or fewer relations.`,
    { details: { estimatedCalls: estimated, budget } },
  );
}
