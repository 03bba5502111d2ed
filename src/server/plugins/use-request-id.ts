/** Echoes the operation's request id (the client's `X-Request-ID`, or ours) in the response header. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionContext } from '../../execution/create-execution-context.js';

export function useRequestId(): ApolloServerPlugin<ExecutionContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
        },
      };
    },
  };
}
