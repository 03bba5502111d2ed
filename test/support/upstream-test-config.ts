/**
 * Config objects for upstream client tests, every default filled as documented in
 * src/config/types.ts, with the simulator's default credentials per endpoint.
 */
import { buildSubscriptions } from '../../src/config/build-feed-config.js';
import type { AuthConfig, Config, EndpointConfig, UpstreamConfig } from '../../src/config/types.js';

export const TEST_TOKEN = 'demo-token';
export const TEST_LOGIN = 'demo';
export const TEST_PASSWORD = 'demo-password';

const BEARER: AuthConfig = { type: 'bearer', token: TEST_TOKEN };
const BASIC: AuthConfig = { type: 'basic', login: TEST_LOGIN, password: TEST_PASSWORD };
const NONE: AuthConfig = { type: 'none' };

/** The simulator's endpoints and their default auth. */
const ENDPOINT_AUTH: Readonly<Record<string, AuthConfig>> = {
  countries: NONE,
  partners: BEARER,
  'product-categories': NONE,
  'product-tags': NONE,
  products: BASIC,
  'sale-order-lines': BEARER,
  'sale-orders': BEARER,
  uom: NONE,
};

export interface TestConfigOverrides {
  readonly upstream?: Partial<Omit<UpstreamConfig, 'baseUrl'>>;
  /** Per endpoint name; `auth: null` means "use the upstream's". */
  readonly endpoints?: Readonly<Record<string, Partial<EndpointConfig>>>;
}

function buildEndpoint(name: string, auth: AuthConfig, upstream: UpstreamConfig, override: Partial<EndpointConfig> | undefined): EndpointConfig {
  return {
    name,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    auth,
    idKey: 'id',
    typeName: null,
    filters: [],
    idListFilter: null,
    relations: {},
    fields: {},
    maxPageSize: 100,
    timeouts: upstream.timeouts,
    many2oneWrite: 'object',
    cache: null,
    ...override,
  };
}

export function buildTestConfig(baseUrl: string, overrides: TestConfigOverrides = {}): Config {
  const upstream: UpstreamConfig = {
    baseUrl,
    auth: BEARER,
    timeouts: { connectMs: 5_000, readMs: 15_000 },
    retries: { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 10_000 },
    concurrency: 8,
    rateLimit: { perMinute: null, perHourPerCredential: null },
    cache: null,
    credentialKeySecret: null,
    breaker: { failureThreshold: 5, openMs: 10_000 },
    maxResponseBytes: 10 * 1024 * 1024,
    forwardHeaders: ['accept-language'],
    ...overrides.upstream,
  };
  const endpoints = Object.keys(ENDPOINT_AUTH)
    .sort()
    .map((name) => buildEndpoint(name, ENDPOINT_AUTH[name] ?? NONE, upstream, overrides.endpoints?.[name]));
  return {
    source: null,
    upstream,
    endpoints,
    introspection: { pages: 3, pageSize: 100 },
    server: {
      host: '127.0.0.1',
      port: 0,
      bodyLimitBytes: 1024 * 1024,
      corsOrigins: [],
      costInExtensions: false,
      budget: 50,
      operationDeadlineMs: 30_000,
      defaultPageSize: 20,
      graphiql: true,
      replicas: 1,
      metrics: true,
      metricsPort: null,
      logLevel: 'info',
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 72_000,
      shutdownGraceMs: 10_000,
      production: false,
      introspection: true,
      limits: { depth: 10, aliases: 30, rootFields: 10, directives: 20, tokens: 2000, fields: 200, stringLength: 1000, listLength: 100, urlBytes: 4096 },
      documentCache: { maxEntries: 1000, maxBytes: 32 * 1024 * 1024 },
    },
    webhooks: null,
    subscriptions: buildSubscriptions(undefined),
    redis: null,
    telemetry: { tracing: { otlpEndpoint: null, sampleRatio: 1 } },
    schemaDir: 'schema',
  };
}
