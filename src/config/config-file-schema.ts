/**
 * The config file's shape as zod schemas: strict (unknown keys are issues), defaults left to
 * `parseConfig`, so this file says only what may be written.
 */
import { z } from 'zod';
import { HTTP_METHODS, SCALAR_NAMES } from '../model/source-model.js';
import { cacheStoreSchema, redisSchema, replicasSchema } from './redis-config-schema.js';

const positiveInt = z.int().min(1);
const nonNegativeInt = z.int().min(0);
const nonEmpty = z.string().min(1);

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('basic'), login: nonEmpty, password: nonEmpty }),
  z.strictObject({ type: z.literal('bearer'), token: nonEmpty }),
  z.strictObject({ type: z.literal('forward') }),
]);

const timeoutsSchema = z.strictObject({ connectMs: positiveInt.optional(), readMs: positiveInt.optional() });

const endpointCacheShape = {
  ttlSeconds: z.number().min(0).optional(),
  staleWhileRevalidateSeconds: z.number().min(0).optional(),
  staleIfErrorSeconds: z.number().min(0).optional(),
  maxEntries: positiveInt.optional(),
  sweepMaxRecords: z.number().int().min(0).optional(),
};

const upstreamCacheSchema = z.union(
  [z.literal(false), z.strictObject({ ...endpointCacheShape, maxBytes: positiveInt.optional(), store: cacheStoreSchema.optional() })],
  {
    error:
      'use `false` (off) or a mapping of ttlSeconds, staleWhileRevalidateSeconds, staleIfErrorSeconds (numbers >= 0), maxEntries, maxBytes (integers >= 1), sweepMaxRecords (an integer >= 0), store (memory or redis)',
  },
);

const endpointCacheSchema = z.union([z.literal(false), z.strictObject(endpointCacheShape)], {
  error:
    'use `false` (not cached) or a mapping of ttlSeconds, staleWhileRevalidateSeconds, staleIfErrorSeconds (numbers >= 0), maxEntries (an integer >= 1), sweepMaxRecords (an integer >= 0)',
});

const upstreamSchema = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/ }),
  auth: authSchema.optional(),
  timeouts: timeoutsSchema.optional(),
  retries: z
    .strictObject({
      attempts: positiveInt.optional(),
      baseDelayMs: nonNegativeInt.optional(),
      maxDelayMs: nonNegativeInt.optional(),
      maxRetryAfterMs: nonNegativeInt.optional(),
    })
    .optional(),
  concurrency: positiveInt.optional(),
  /** Kept as an alias of `rateLimit.perMinute` (setting both is an issue). */
  rateLimitPerMinute: positiveInt.nullable().optional(),
  rateLimit: z
    .strictObject({
      perMinute: positiveInt.nullable().optional(),
      perHourPerCredential: positiveInt.nullable().optional(),
      hourlyBurst: positiveInt.optional(),
      minuteBurst: positiveInt.optional(),
    })
    .optional(),
  cache: upstreamCacheSchema.optional(),
  credentialKeySecret: nonEmpty.optional(),
  breaker: z.strictObject({ failureThreshold: positiveInt.optional(), openMs: positiveInt.optional() }).optional(),
  maxResponseBytes: positiveInt.optional(),
  forwardHeaders: z.array(nonEmpty).optional(),
});

const fieldSchema = z.strictObject({
  type: z.enum(SCALAR_NAMES).optional(),
  enum: z.array(nonEmpty).min(1).optional(),
  name: nonEmpty.optional(),
  readOnly: z.boolean().optional(),
  required: z.boolean().optional(),
});

const endpointSchema = z.strictObject({
  methods: z.array(z.enum(HTTP_METHODS)).min(1).optional(),
  auth: authSchema.optional(),
  idKey: nonEmpty.optional(),
  typeName: nonEmpty.optional(),
  filters: z.array(nonEmpty).optional(),
  idListFilter: nonEmpty.nullable().optional(),
  relations: z.record(z.string(), nonEmpty).optional(),
  fields: z.record(z.string(), fieldSchema).optional(),
  maxPageSize: positiveInt.optional(),
  timeouts: timeoutsSchema.optional(),
  many2oneWrite: z.enum(['object', 'id']).optional(),
  cache: endpointCacheSchema.optional(),
});

const serverSchema = z.strictObject({
  host: nonEmpty.optional(),
  port: z.int().min(0).max(65535).optional(),
  bodyLimitBytes: positiveInt.optional(),
  corsOrigins: z.array(nonEmpty).optional(),
  costInExtensions: z.boolean().optional(),
  budget: positiveInt.optional(),
  operationDeadlineMs: positiveInt.optional(),
  defaultPageSize: positiveInt.optional(),
  graphiql: z.boolean().optional(),
  replicas: replicasSchema.optional(),
  requestTimeoutMs: positiveInt.optional(),
  headersTimeoutMs: positiveInt.optional(),
  keepAliveTimeoutMs: positiveInt.optional(),
  shutdownGraceMs: positiveInt.optional(),
  production: z.boolean().optional(),
  introspection: z.boolean().optional(),
  limits: z
    .strictObject({
      depth: positiveInt.optional(),
      aliases: nonNegativeInt.optional(),
      rootFields: positiveInt.optional(),
      directives: nonNegativeInt.optional(),
      tokens: positiveInt.optional(),
      fields: positiveInt.optional(),
      stringLength: positiveInt.optional(),
      listLength: positiveInt.optional(),
      urlBytes: z.int().min(256).optional(),
    })
    .optional(),
  documentCache: z.strictObject({ maxEntries: positiveInt.optional(), maxBytes: positiveInt.optional() }).optional(),
  metrics: z.boolean().optional(),
  metricsPort: z.int().min(0).max(65535).nullable().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

const telemetrySchema = z.strictObject({
  tracing: z
    .strictObject({
      otlpEndpoint: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .optional(),
      sampleRatio: z.number().min(0).max(1).optional(),
    })
    .optional(),
});

const webhookAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('basic'), login: nonEmpty, password: nonEmpty }),
  z.strictObject({ type: z.literal('bearer'), token: nonEmpty }),
]);

const eagerRefreshSchema = z.strictObject({ perMinute: nonNegativeInt.optional() });

const webhookEndpointSchema = z.strictObject({
  auth: webhookAuthSchema.optional(),
  hmacSecret: nonEmpty.nullable().optional(),
  signatureHeader: nonEmpty.optional(),
  eventHeader: nonEmpty.optional(),
  trustPayload: z.boolean().optional(),
  eagerRefresh: eagerRefreshSchema.optional(),
});

const webhooksSchema = z.strictObject({
  pathPrefix: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*$/)
    .optional(),
  auth: webhookAuthSchema,
  hmacSecret: nonEmpty.optional(),
  signatureHeader: nonEmpty.optional(),
  eventHeader: nonEmpty.optional(),
  trustPayload: z.boolean().optional(),
  bodyLimitBytes: positiveInt.optional(),
  maxRecords: positiveInt.max(1000).optional(),
  eagerRefresh: eagerRefreshSchema.optional(),
  endpoints: z.record(z.string(), webhookEndpointSchema).optional(),
});

const subscriptionsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  maxPerConnection: positiveInt.optional(),
  maxPerServer: positiveInt.optional(),
  connectionInitTimeoutMs: positiveInt.optional(),
  maxMessageBytes: positiveInt.optional(),
  maxQueuedEvents: positiveInt.optional(),
  keepAliveMs: nonNegativeInt.optional(),
});

export const configFileSchema = z.strictObject({
  upstream: upstreamSchema,
  // `countries:` with no value is YAML null: the same as `countries: {}`.
  endpoints: z.record(z.string(), endpointSchema.nullable()),
  introspection: z.strictObject({ pages: positiveInt.optional(), pageSize: positiveInt.optional() }).optional(),
  server: serverSchema.optional(),
  webhooks: webhooksSchema.optional(),
  subscriptions: subscriptionsSchema.optional(),
  redis: redisSchema.optional(),
  telemetry: telemetrySchema.optional(),
  schemaDir: nonEmpty.optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type EndpointFile = z.infer<typeof endpointSchema>;
export type AuthFile = z.infer<typeof authSchema>;
export type TimeoutsFile = z.infer<typeof timeoutsSchema>;
export type UpstreamCacheFile = z.infer<typeof upstreamCacheSchema>;
export type EndpointCacheFile = z.infer<typeof endpointCacheSchema>;
