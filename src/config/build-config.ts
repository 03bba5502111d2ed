/** Applies every documented default to a validated config file: the only place defaults live. */
import path from 'node:path';
import { buildEndpointCache, buildUpstreamCache } from './build-cache-config.js';
import { buildSubscriptions, buildWebhooks } from './build-feed-config.js';
import { buildRedisConfig } from './build-redis-config.js';
import type { AuthFile, ConfigFile, EndpointFile, TimeoutsFile } from './config-file-schema.js';
import type { AuthConfig, Config, EndpointConfig, FieldConfig, ServerConfig, TimeoutsConfig, UpstreamConfig } from './types.js';

/** Odoo's log-access fields: set by the ORM, never written by a client. */
const READ_ONLY_KEYS: readonly string[] = ['create_date', 'write_date', 'create_uid', 'write_uid', '__last_update'];

interface BuildConfigOptions {
  readonly source: string | null;
  /** Directory `schemaDir` is relative to. */
  readonly baseDir: string;
  /** `NODE_ENV=production` turns production mode on unless `server.production` says otherwise. */
  readonly nodeEnv?: string | undefined;
}

export function buildConfig(file: ConfigFile, options: BuildConfigOptions): Config {
  const upstream = buildUpstream(file.upstream);
  const endpoints = Object.keys(file.endpoints)
    .sort()
    .map((name) => buildEndpoint(name, file.endpoints[name] ?? {}, upstream));
  return {
    source: options.source,
    upstream,
    endpoints,
    introspection: { pages: file.introspection?.pages ?? 3, pageSize: file.introspection?.pageSize ?? 100 },
    server: buildServer(file.server ?? {}, options.nodeEnv === 'production'),
    webhooks: buildWebhooks(file.webhooks),
    subscriptions: buildSubscriptions(file.subscriptions),
    redis: buildRedisConfig(file.redis, options.baseDir),
    telemetry: { tracing: { otlpEndpoint: file.telemetry?.tracing?.otlpEndpoint ?? null, sampleRatio: file.telemetry?.tracing?.sampleRatio ?? 1 } },
    schemaDir: path.resolve(options.baseDir, file.schemaDir ?? 'schema'),
  };
}

function buildUpstream(file: ConfigFile['upstream']): UpstreamConfig {
  return {
    baseUrl: file.baseUrl.replace(/\/+$/, ''),
    auth: buildAuth(file.auth ?? { type: 'none' }),
    timeouts: buildTimeouts(file.timeouts, { connectMs: 5000, readMs: 15000 }),
    retries: {
      attempts: file.retries?.attempts ?? 3,
      baseDelayMs: file.retries?.baseDelayMs ?? 200,
      maxDelayMs: file.retries?.maxDelayMs ?? 5000,
      maxRetryAfterMs: file.retries?.maxRetryAfterMs ?? 10000,
    },
    concurrency: file.concurrency ?? 8,
    rateLimit: {
      perMinute: file.rateLimit?.perMinute ?? file.rateLimitPerMinute ?? null,
      perHourPerCredential: file.rateLimit?.perHourPerCredential ?? null,
      hourlyBurst: file.rateLimit?.hourlyBurst ?? null,
      minuteBurst: file.rateLimit?.minuteBurst ?? null,
    },
    cache: buildUpstreamCache(file.cache),
    credentialKeySecret: file.credentialKeySecret ?? null,
    breaker: { failureThreshold: file.breaker?.failureThreshold ?? 5, openMs: file.breaker?.openMs ?? 10000 },
    maxResponseBytes: file.maxResponseBytes ?? 10 * 1024 * 1024,
    forwardHeaders: (file.forwardHeaders ?? ['accept-language']).map((header) => header.toLowerCase()),
  };
}

function buildAuth(file: AuthFile): AuthConfig {
  return { ...file };
}

function buildTimeouts(file: TimeoutsFile | undefined, fallback: TimeoutsConfig): TimeoutsConfig {
  return { connectMs: file?.connectMs ?? fallback.connectMs, readMs: file?.readMs ?? fallback.readMs };
}

function buildEndpoint(name: string, file: EndpointFile, upstream: UpstreamConfig): EndpointConfig {
  return {
    name,
    methods: sortMethods(file.methods ?? ['GET']),
    auth: file.auth === undefined ? null : buildAuth(file.auth),
    idKey: file.idKey ?? 'id',
    typeName: file.typeName ?? null,
    filters: [...(file.filters ?? [])],
    idListFilter: file.idListFilter ?? null,
    relations: sortedRecord(file.relations ?? {}, (target) => target),
    fields: buildFields(file.fields ?? {}),
    maxPageSize: file.maxPageSize ?? 100,
    timeouts: buildTimeouts(file.timeouts, upstream.timeouts),
    many2oneWrite: file.many2oneWrite ?? 'object',
    cache: buildEndpointCache(file.cache, upstream.cache),
  };
}

function buildFields(file: NonNullable<EndpointFile['fields']>): Record<string, FieldConfig> {
  const fields = sortedRecord(file, (field): FieldConfig => ({ ...field }));
  for (const key of READ_ONLY_KEYS) fields[key] = { readOnly: true, ...fields[key] };
  return sortedRecord(fields, (field) => field);
}

function buildServer(file: NonNullable<ConfigFile['server']>, productionEnv: boolean): ServerConfig {
  const production = file.production ?? productionEnv;
  const limits = file.limits ?? {};
  return {
    host: file.host ?? '127.0.0.1',
    port: file.port ?? 4000,
    bodyLimitBytes: file.bodyLimitBytes ?? 1024 * 1024,
    corsOrigins: file.corsOrigins ?? [],
    costInExtensions: file.costInExtensions ?? false,
    budget: file.budget ?? 50,
    operationDeadlineMs: file.operationDeadlineMs ?? 30000,
    defaultPageSize: file.defaultPageSize ?? 20,
    ...buildClientTimeouts(file),
    graphiql: file.graphiql ?? !production,
    production,
    introspection: file.introspection ?? !production,
    limits: {
      depth: limits.depth ?? 10,
      aliases: limits.aliases ?? 30,
      rootFields: limits.rootFields ?? 10,
      directives: limits.directives ?? 20,
      tokens: limits.tokens ?? 2000,
      fields: limits.fields ?? 200,
      stringLength: limits.stringLength ?? 1000,
      listLength: limits.listLength ?? 100,
      urlBytes: limits.urlBytes ?? 4096,
    },
    documentCache: { maxEntries: file.documentCache?.maxEntries ?? 1000, maxBytes: file.documentCache?.maxBytes ?? 32 * 1024 * 1024 },
    replicas: file.replicas ?? 1,
    metrics: file.metrics ?? true,
    metricsPort: file.metricsPort ?? null,
    logLevel: file.logLevel ?? 'info',
  };
}

function buildClientTimeouts(file: NonNullable<ConfigFile['server']>): ClientTimeouts {
  const requestTimeoutMs = file.requestTimeoutMs ?? 30000;
  return {
    requestTimeoutMs,
    // Node refuses a headers timeout above the request timeout; the request's includes the headers.
    headersTimeoutMs: Math.min(file.headersTimeoutMs ?? 10000, requestTimeoutMs),
    keepAliveTimeoutMs: file.keepAliveTimeoutMs ?? 72000,
    shutdownGraceMs: file.shutdownGraceMs ?? 10000,
  };
}

type ClientTimeouts = Pick<ServerConfig, 'requestTimeoutMs' | 'headersTimeoutMs' | 'keepAliveTimeoutMs' | 'shutdownGraceMs'>;

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'DELETE'] as const;

function sortMethods(methods: readonly (typeof METHOD_ORDER)[number][]): EndpointConfig['methods'] {
  return METHOD_ORDER.filter((method) => methods.includes(method));
}

function sortedRecord<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  const result: Record<string, U> = {};
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value !== undefined) result[key] = map(value);
  }
  return result;
}
