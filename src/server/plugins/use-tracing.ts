/** Ends each operation's span with its name, type, REST calls and result (tracing on only). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionContext } from '../../execution/create-execution-context.js';

export function useTracing(): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operationName, operation }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.['code'];
          contextValue.trace?.end({
            operationName: operationName ?? null,
            operationType: operation?.operation ?? 'unknown',
            restCalls: contextValue.meter.sent,
            sharedCalls: contextValue.meter.shared,
            errorCode: errors === undefined || errors.length === 0 ? null : typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
          });
        },
      };
    },
  };
}
