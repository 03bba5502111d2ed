/** Defaults of the change feed's sections: the webhook (off unless configured) and the subscriptions. */
import type { ConfigFile } from './config-file-schema.js';
import type { SubscriptionsConfig, WebhookEndpointOverrides, WebhooksConfig } from './types.js';

/**
 * Eager re-reads spend the service credential's hourly budget (the vendor allows about 1,000 calls
 * an hour per API key, some 16 a minute): 5 a minute leaves most of it to queries.
 */
export const EAGER_REFRESH_PER_MINUTE = 5;

type EndpointFile = NonNullable<NonNullable<ConfigFile['webhooks']>['endpoints']>[string];

function buildOverrides(file: EndpointFile): WebhookEndpointOverrides {
  return {
    ...(file.auth === undefined ? {} : { auth: { ...file.auth } }),
    ...(file.hmacSecret === undefined ? {} : { hmacSecret: file.hmacSecret }),
    ...(file.signatureHeader === undefined ? {} : { signatureHeader: file.signatureHeader.toLowerCase() }),
    ...(file.eventHeader === undefined ? {} : { eventHeader: file.eventHeader.toLowerCase() }),
    ...(file.trustPayload === undefined ? {} : { trustPayload: file.trustPayload }),
    ...(file.eagerRefresh === undefined ? {} : { eagerRefresh: { perMinute: file.eagerRefresh.perMinute ?? EAGER_REFRESH_PER_MINUTE } }),
  };
}

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
    eagerRefresh: { perMinute: file.eagerRefresh?.perMinute ?? EAGER_REFRESH_PER_MINUTE },
    endpoints: Object.fromEntries(Object.entries(file.endpoints ?? {}).map(([name, overrides]) => [name, buildOverrides(overrides)])),
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
