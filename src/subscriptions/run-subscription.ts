/**
 * graphql-js's `subscribe`, except that each event is executed with a fresh ExecutionContext:
 * graphql-js reuses the subscription's context for every event, which would keep one set of
 * loaders (stale after the first change) and one cost budget (spent after a few) for the life of
 * the subscription.
 */
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { ExecutionContext } from '../execution/create-execution-context.js';

export async function runSubscription(
  args: ExecutionArgs,
  contextForEvent: () => ExecutionContext,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream[Symbol.asyncIterator]();
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await source.next();
      if (event.done === true) return { done: true, value: undefined };
      const result = await execute({ ...args, rootValue: event.value, contextValue: contextForEvent() });
      return { done: false, value: result };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}
