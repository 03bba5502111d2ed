/** A real graphql-ws client (graphql-transport-ws over `ws`) for tests, collecting each subscription's results. */
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

type ExecutionResult = FormattedExecutionResult<Record<string, unknown>, unknown>;
import WebSocket from 'ws';

export interface Subscription {
  readonly results: ExecutionResult[];
  /** Resolves when at least `count` results arrived. */
  waitFor(count: number): Promise<ExecutionResult[]>;
  /** Resolves when the server completed the subscription (or it failed). */
  readonly ended: Promise<void>;
  /** What the error sink got (GraphQL errors, a close event) once it failed; undefined until then. */
  failure(): unknown;
  unsubscribe(): void;
}

export interface WsClient {
  readonly client: Client;
  subscribe(query: string, variables?: Record<string, unknown>): Subscription;
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function connect(httpUrl: string, connectionParams: Record<string, unknown> = {}): WsClient {
  const client = createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false });
  return {
    client,
    subscribe(query, variables = {}) {
      const results: ExecutionResult[] = [];
      const waiters: { count: number; resolve: (value: ExecutionResult[]) => void }[] = [];
      let finish: () => void = () => undefined;
      let failure: unknown;
      const ended = new Promise<void>((resolve) => (finish = resolve));
      const unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            results.push(result);
            for (const waiter of waiters.filter((w) => results.length >= w.count)) waiter.resolve(results);
          },
          error: (error) => {
            failure = error;
            finish();
          },
          complete: () => finish(),
        },
      );
      return {
        results,
        ended,
        failure: () => failure,
        unsubscribe,
        waitFor: (count) => (results.length >= count ? Promise.resolve(results) : new Promise((resolve) => waiters.push({ count, resolve }))),
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/** Resolves once the server has `count` active subscriptions (they are set up asynchronously). */
export async function untilActive(active: () => number, count: number): Promise<void> {
  while (active() < count) await new Promise((resolve) => setTimeout(resolve, 5));
}
