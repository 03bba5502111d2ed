/** A stack with the webhook on, the change events it published, and a client for deliveries. */
import { createHmac } from 'node:crypto';
import type { ChangeEvent } from '../../src/changes/types.js';
import type { Config, WebhooksConfig } from '../../src/config/types.js';
import { buildWebhooks } from '../../src/config/build-feed-config.js';
import { startStack, type Stack, type StackOptions } from './start-stack.js';

export const HOOK_TOKEN = 'hook-secret-token';

export interface FeedStack extends Stack {
  readonly hooks: string;
  /** Every event published on the server's bus, in order. */
  readonly events: ChangeEvent[];
  deliver(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Waits until every accepted delivery is applied. */
  idle(): Promise<void>;
}

export type WebhookOverrides = Partial<Omit<WebhooksConfig, 'auth'>> & { auth?: WebhooksConfig['auth'] };

export function withWebhooks(config: Config, overrides: WebhookOverrides = {}): Config {
  const base = buildWebhooks({ auth: { type: 'bearer', token: HOOK_TOKEN } });
  if (base === null) throw new Error('webhooks config expected');
  return { ...config, webhooks: { ...base, ...overrides } };
}

export function sign(secret: string, text: string): string {
  return `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;
}

export async function startFeedStack(webhooks: WebhookOverrides = {}, options: StackOptions = {}): Promise<FeedStack> {
  const stack = await startStack({ ...options, config: (config) => withWebhooks(options.config?.(config) ?? config, webhooks) });
  const events: ChangeEvent[] = [];
  stack.server.bus.subscribe((event) => events.push(event));
  const origin = new URL(stack.url).origin;
  const prefix = stack.config.webhooks?.pathPrefix ?? '/hooks/bjet';
  return {
    ...stack,
    hooks: `${origin}${prefix}`,
    events,
    async deliver(path, body, headers = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${origin}${prefix}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${HOOK_TOKEN}`, ...headers },
        body: text,
      });
      return { status: response.status, body: await response.json() };
    },
    idle: () => stack.server.webhooks?.idle() ?? Promise.resolve(),
  };
}
