import { describe, expect, it } from 'vitest';
import { buildWebhooks } from '../../../src/config/build-feed-config.js';
import { resolveWebhookEndpoint } from '../../../src/webhooks/resolve-webhook-endpoint.js';

describe('resolveWebhookEndpoint', () => {
  const webhooks = buildWebhooks({
    auth: { type: 'bearer', token: 'section' },
    hmacSecret: 'secret',
    eventHeader: 'X-Bjet-Event',
    endpoints: {
      countries: { auth: { type: 'basic', login: 'odoo', password: 'pw' }, hmacSecret: null, eventHeader: 'X-Odoo-Event' },
      partners: { trustPayload: true },
    },
  });
  if (webhooks === null) throw new Error('webhooks expected');

  it("takes an endpoint's overrides over the section's, header names lower-cased, a null secret as none", () => {
    expect(resolveWebhookEndpoint(webhooks, 'countries')).toEqual({
      auth: { type: 'basic', login: 'odoo', password: 'pw' },
      hmacSecret: null,
      signatureHeader: 'x-bjet-signature',
      eventHeader: 'x-odoo-event',
      trustPayload: false,
    });
    expect(resolveWebhookEndpoint(webhooks, 'partners')).toMatchObject({
      auth: { token: 'section' },
      hmacSecret: 'secret',
      eventHeader: 'x-bjet-event',
      trustPayload: true,
    });
  });

  it("gives an endpoint without overrides, or a name no endpoint has, the section's settings", () => {
    const section = {
      auth: { type: 'bearer', token: 'section' },
      hmacSecret: 'secret',
      signatureHeader: 'x-bjet-signature',
      eventHeader: 'x-bjet-event',
      trustPayload: false,
    };
    expect(resolveWebhookEndpoint(webhooks, 'products')).toEqual(section);
    expect(resolveWebhookEndpoint(webhooks, 'constructor')).toEqual(section);
  });
});
