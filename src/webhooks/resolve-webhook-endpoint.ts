/**
 * One endpoint's webhook settings: its overrides (`webhooks.endpoints.<name>`) over the section's.
 * Each endpoint has its own outbound configuration in Odoo, so each may send its own credentials,
 * event header or complete records; what is not overridden is the section's.
 */
import type { WebhookAuthConfig, WebhooksConfig } from '../config/types.js';

export interface WebhookEndpointSettings {
  readonly auth: WebhookAuthConfig;
  readonly hmacSecret: string | null;
  readonly signatureHeader: string;
  readonly eventHeader: string;
  readonly trustPayload: boolean;
}

export function resolveWebhookEndpoint(config: WebhooksConfig, endpoint: string): WebhookEndpointSettings {
  const overrides = Object.hasOwn(config.endpoints, endpoint) ? config.endpoints[endpoint] : undefined;
  return {
    auth: overrides?.auth ?? config.auth,
    hmacSecret: overrides?.hmacSecret === undefined ? config.hmacSecret : overrides.hmacSecret,
    signatureHeader: overrides?.signatureHeader ?? config.signatureHeader,
    eventHeader: overrides?.eventHeader ?? config.eventHeader,
    trustPayload: overrides?.trustPayload ?? config.trustPayload,
  };
}
