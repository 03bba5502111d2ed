/** One log line per GraphQL operation: its name, type, REST calls, errors and duration (never variables). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../logging/create-logger.js';
import type { ExecutionContext } from '../../execution/create-execution-context.js';

export function useOperationLog(logger: Logger): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName, operation }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              operationType: operation?.operation ?? null,
              restCalls: contextValue.meter.sent,
              sharedCalls: contextValue.meter.shared,
              cacheHits: contextValue.meter.cacheHits,
              staleHits: contextValue.meter.staleHits,
              errors,
              durationMs: Math.round(performance.now() - started),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
