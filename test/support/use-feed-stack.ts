/**
 * The feed tests' per-test kit: a feed stack started by the test, WebSocket clients opened on it,
 * both closed after each test (clients first); plus the upstream calls as `METHOD /path`.
 */
import { afterEach } from 'vitest';
import { startFeedStack, type FeedStack, type WebhookOverrides } from './feed-stack.js';
import type { StackOptions } from './start-stack.js';
import { relativePath } from './start-stack.js';
import { connect, type WsClient } from './ws-client.js';

export interface FeedKit {
  start(webhooks?: WebhookOverrides, options?: StackOptions): Promise<FeedStack>;
  /** A client on the stack started last. */
  open(params?: Record<string, unknown>): WsClient;
  /** Subscriptions open on the server now. */
  active(): number;
}

export function useFeedStack(): FeedKit {
  let stack: FeedStack | undefined;
  const clients: WsClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await stack?.close();
    stack = undefined;
  });
  return {
    async start(webhooks, options) {
      stack = await startFeedStack(webhooks, options);
      return stack;
    },
    open(params = {}) {
      if (stack === undefined) throw new Error('no stack: start one first');
      const client = connect(stack.url, params);
      clients.push(client);
      return client;
    },
    active: () => stack?.server.subscriptions?.active() ?? 0,
  };
}

/** The upstream calls since the last clear, as `METHOD /path`. */
export function callsOf(s: FeedStack): string[] {
  return s.calls().map((call) => `${call.method} ${relativePath(call)}`);
}
