/**
 * graphql-js's `subscribe`, with two changes. Each event is executed with a fresh
 * ExecutionContext: graphql-js reuses the subscription's context for every event, which would keep
 * one set of loaders (stale after the first change) and one cost budget for the subscription's
 * life. And subscribers of the same operation (same document, variables and credentials) share one
 * execution per change: a thousand subscribers to a record cost one execution, not a thousand.
 */
import { createSourceEventStream, execute, print, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { ChangeEvent } from '../changes/types.js';
import type { ExecutionContext } from '../execution/create-execution-context.js';

export type RunSubscription = (
  args: ExecutionArgs,
  contextForEvent: () => ExecutionContext,
  /** Subscribers with the same share key see the same records (their credentials' partition). */
  shareKey: string,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

function changeOf(value: unknown): ChangeEvent | null {
  const change = typeof value === 'object' && value !== null ? (value as { change?: unknown }).change : undefined;
  return typeof change === 'object' && change !== null ? (change as ChangeEvent) : null;
}

export function createSubscriptionRunner(): RunSubscription {
  const printed = new WeakMap<DocumentNode, string>();
  const results = new WeakMap<ChangeEvent, Map<string, Promise<ExecutionResult>>>();
  return async (args, contextForEvent, shareKey) => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const source = stream[Symbol.asyncIterator]();
    let text = printed.get(args.document);
    if (text === undefined) {
      text = print(args.document);
      printed.set(args.document, text);
    }
    const key = `${shareKey}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${text}`;
    const run = (payload: unknown): Promise<ExecutionResult> => Promise.resolve(execute({ ...args, rootValue: payload, contextValue: contextForEvent() }));
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const event = await source.next();
        if (event.done === true) return { done: true, value: undefined };
        const change = changeOf(event.value);
        if (change === null) return { done: false, value: await run(event.value) };
        let byKey = results.get(change);
        if (byKey === undefined) {
          byKey = new Map();
          results.set(change, byKey);
        }
        let result = byKey.get(key);
        if (result === undefined) {
          result = run(event.value);
          byKey.set(key, result);
        }
        return { done: false, value: await result };
      },
      async return() {
        await source.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  };
}
