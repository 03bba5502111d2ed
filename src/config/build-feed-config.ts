/** Defaults of the change feed's sections: the webhook (off unless configured) and the subscriptions. */
import type { ConfigFile } from './config-file-schema.js';
import type { SubscriptionsConfig, WebhooksConfig } from './types.js';

export function buildWebhooks(file: ConfigFile['webhooks']): WebhooksConfig | null {
  if (file === undefined) return null;
  return {
    pathPrefix: (file.pathPrefix ?? '/hooks/bjet').replace(/\/+$/, '') || '/hooks/bjet',
    auth: { ...file.auth },
    hmacSecret: file.hmacSecret ?? null,
    signatureHeader: (file.signatureHeader ?? 'x-bjet-signature').toLowerCase(),
    eventHeader: (file.eventHeader ?? 'x-bjet-event').toLowerCase(),
    trustPayload: file.trustPayload ?? false,
    bodyLimitBytes: file.bodyLimitBytes ?? 1024 * 1024,
    maxRecords: file.maxRecords ?? 100,
  };
}

export function buildSubscriptions(file: ConfigFile['subscriptions']): SubscriptionsConfig {
  return {
    enabled: file?.enabled ?? true,
    maxPerConnection: file?.maxPerConnection ?? 100,
    maxPerServer: file?.maxPerServer ?? 10_000,
    connectionInitTimeoutMs: file?.connectionInitTimeoutMs ?? 10_000,
    maxMessageBytes: file?.maxMessageBytes ?? 64 * 1024,
    maxQueuedEvents: file?.maxQueuedEvents ?? 100,
    keepAliveMs: file?.keepAliveMs ?? 12_000,
  };
}
