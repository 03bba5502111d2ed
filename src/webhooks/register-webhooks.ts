/**
 * `POST <pathPrefix>/<endpoint>` and `POST <pathPrefix>/<endpoint>/<event>`: BJET's outbound calls
 * (or Odoo's native webhook) pointed at us. Checked in order — credentials (401), endpoint (404),
 * event and body (400, 413) — all before anything is applied; then answered 202 at once and applied
 * on a later turn (create-delivery-applier.ts). Credentials, the event header and trustPayload are
 * the endpoint's (its overrides over the section's); a path naming no endpoint is checked against
 * the section's credentials, so only an authorized caller learns which endpoints exist. Logs and
 * counters name the endpoint, the event and how many records, never the body or a header.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ChangeBus } from '../changes/types.js';
import type { WebhooksConfig } from '../config/types.js';
import type { ErrorCode } from '../errors/codes.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import type { Logger } from '../logging/create-logger.js';
import { checkWebhookAuth } from './check-webhook-auth.js';
import { createDeliveryApplier, type DeliveryApplier } from './create-delivery-applier.js';
import { createWebhookCounters, type WebhookCounters } from './create-webhook-counters.js';
import { EVENT_NAMES, parseEventName } from './parse-event-name.js';
import { parseDelivery } from './parse-delivery.js';
import { resolveWebhookEndpoint, type WebhookEndpointSettings } from './resolve-webhook-endpoint.js';

export interface WebhookOptions {
  readonly config: WebhooksConfig;
  readonly index: TypeIndex;
  readonly bus: ChangeBus;
  readonly logger: Logger;
  /** Epoch-ms clock the events are stamped with (the cache's: a pushed record is versioned at it). */
  readonly now?: () => number;
}

export interface Webhooks {
  readonly counters: WebhookCounters;
  /** Resolves once every accepted delivery so far is applied. */
  idle(): Promise<void>;
}

interface Params {
  readonly endpoint: string;
  readonly event?: string;
}

export async function registerWebhooks(app: FastifyInstance, options: WebhookOptions): Promise<Webhooks> {
  const { config, index, logger } = options;
  const counters = createWebhookCounters();
  const section = resolveWebhookEndpoint(config, '');
  const byEndpoint = new Map([...index.endpoints.keys()].map((name) => [name, resolveWebhookEndpoint(config, name)]));
  const settings = (endpoint: string): WebhookEndpointSettings => byEndpoint.get(endpoint) ?? section;
  const applier = createDeliveryApplier(options.bus, index, counters, logger, options.now);
  options.bus.subscribe((event) => {
    if (event.source === 'mutation') applier.remember(event);
  });
  const refuse = (reply: FastifyReply, params: Params | undefined, code: ErrorCode, status: number, message: string): FastifyReply => {
    counters.count(params?.endpoint ?? '', params?.event ?? '', 'refused');
    logger.warn({ endpoint: params?.endpoint, event: params?.event, code }, 'webhook delivery refused');
    return reply.code(status).send({ error: { code, message } });
  };
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const params = request.params as Params | undefined;
      if (error.statusCode === 413) return refuse(reply, params, 'WEBHOOK_PAYLOAD_TOO_LARGE', 413, `the body is over ${config.bodyLimitBytes} bytes`);
      if (error.statusCode !== undefined && error.statusCode < 500) return refuse(reply, params, 'WEBHOOK_BAD_PAYLOAD', 400, 'the request could not be read');
      logger.error({ err: error }, 'webhook failed');
      return reply.code(500).send({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' } });
    });
    const handler = async (
      request: { params: Params; headers: Record<string, string | string[] | undefined>; body: unknown },
      reply: FastifyReply,
    ): Promise<FastifyReply> => handleDelivery(request, reply, { config, settings, index, applier, refuse });
    scope.post<{ Params: Params }>(`${config.pathPrefix}/:endpoint`, handler);
    scope.post<{ Params: Params }>(`${config.pathPrefix}/:endpoint/:event`, handler);
  });
  return { counters, idle: () => applier.idle() };
}

interface HandleParts {
  readonly config: WebhooksConfig;
  readonly settings: (endpoint: string) => WebhookEndpointSettings;
  readonly index: TypeIndex;
  readonly applier: DeliveryApplier;
  readonly refuse: (reply: FastifyReply, params: Params | undefined, code: ErrorCode, status: number, message: string) => FastifyReply;
}

function handleDelivery(
  request: { params: Params; headers: Record<string, string | string[] | undefined>; body: unknown },
  reply: FastifyReply,
  { config, settings, index, applier, refuse }: HandleParts,
): FastifyReply {
  const { params } = request;
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const own = settings(params.endpoint);
  if (!checkWebhookAuth(own, request.headers, raw)) {
    return refuse(
      reply.header('www-authenticate', own.auth.type === 'bearer' ? 'Bearer' : 'Basic'),
      params,
      'WEBHOOK_UNAUTHORIZED',
      401,
      'missing or wrong credentials',
    );
  }
  const endpoint = index.endpoints.get(params.endpoint);
  if (endpoint === undefined) return refuse(reply, params, 'WEBHOOK_UNKNOWN_ENDPOINT', 404, `no endpoint \`${params.endpoint}\` is configured`);
  const header = request.headers[own.eventHeader];
  const kind = parseEventName(params.event ?? (typeof header === 'string' ? header : undefined));
  if (kind === null) return refuse(reply, params, 'WEBHOOK_BAD_PAYLOAD', 400, `unknown event; use one of: ${EVENT_NAMES.join(', ')}`);
  const parsed = parseDelivery(raw, endpoint, config.maxRecords);
  if (!parsed.ok) return refuse(reply, params, parsed.code, parsed.code === 'WEBHOOK_PAYLOAD_TOO_LARGE' ? 413 : 400, parsed.message);
  applier.enqueue({ endpoint: endpoint.endpoint, kind, items: parsed.items, trustPayload: own.trustPayload });
  return reply.code(202).send({ accepted: parsed.items.length, event: kind });
}
