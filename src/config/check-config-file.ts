/** Issues that span keys (a relation to an unknown endpoint, ...), found after the shape is valid. */
import type { ConfigFile, EndpointFile } from './config-file-schema.js';
import { checkRedisConfig } from './check-redis-config.js';
import { checkWebhooksConfig } from './check-webhooks-config.js';
import { didYouMeanHint } from './did-you-mean.js';
import type { ConfigIssue } from './types.js';

const ENDPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;
const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkConfigFile(file: ConfigFile): ConfigIssue[] {
  const names = Object.keys(file.endpoints);
  const issues: ConfigIssue[] = [];
  if (names.length === 0) issues.push({ path: 'endpoints', message: 'no endpoints: add at least one, e.g. `partners: {}`' });
  for (const name of names) {
    const path = `endpoints.${name}`;
    if (!ENDPOINT_NAME.test(name)) {
      issues.push({ path, message: 'not a URL segment: use letters, digits, `-`, `_` or `.`' });
    }
    issues.push(...checkEndpoint(file.endpoints[name] ?? {}, path, names));
  }
  const retries = file.upstream.retries;
  if (retries?.baseDelayMs !== undefined && retries.maxDelayMs !== undefined && retries.maxDelayMs < retries.baseDelayMs) {
    issues.push({ path: 'upstream.retries.maxDelayMs', message: 'must be at least `baseDelayMs`' });
  }
  if (file.upstream.rateLimitPerMinute !== undefined && file.upstream.rateLimit?.perMinute !== undefined) {
    issues.push({ path: 'upstream.rateLimitPerMinute', message: 'set only `upstream.rateLimit.perMinute` (this key is its old name)' });
  }
  issues.push(...checkBurst(file.upstream.rateLimit, 'hourlyBurst', 'perHourPerCredential', 'hour'));
  issues.push(...checkBurst(file.upstream.rateLimit, 'minuteBurst', 'perMinute', 'minute'));
  issues.push(...checkRedisConfig(file), ...checkWebhooksConfig(file));
  return issues;
}

type RateLimitFile = Partial<Record<'perMinute' | 'perHourPerCredential', number | null>> & Partial<Record<'hourlyBurst' | 'minuteBurst', number>>;

/** A burst needs its limit, and leaves half of the window to flow evenly. */
function checkBurst(
  rateLimit: RateLimitFile | undefined,
  key: 'hourlyBurst' | 'minuteBurst',
  limitKey: 'perMinute' | 'perHourPerCredential',
  window: string,
): ConfigIssue[] {
  const burst = rateLimit?.[key];
  if (burst === undefined) return [];
  const path = `upstream.rateLimit.${key}`;
  const limit = rateLimit?.[limitKey] ?? null;
  if (limit === null) return [{ path, message: `has no effect without \`upstream.rateLimit.${limitKey}\`: set that, or remove this key` }];
  if (burst * 2 > limit) {
    return [{ path, message: `must be at most half of \`${limitKey}\` (${Math.floor(limit / 2)}): the other half flows over the ${window}` }];
  }
  return [];
}

function checkEndpoint(endpoint: EndpointFile, path: string, endpointNames: readonly string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const filters = endpoint.filters ?? [];
  issues.push(...duplicates(endpoint.methods ?? [], `${path}.methods`), ...duplicates(filters, `${path}.filters`));
  if (endpoint.idListFilter != null && !filters.includes(endpoint.idListFilter)) {
    issues.push({
      path: `${path}.idListFilter`,
      message: `\`${endpoint.idListFilter}\` is not among this endpoint's filters: add it to \`filters\`${didYouMeanHint(endpoint.idListFilter, filters)}`,
    });
  }
  if (endpoint.typeName !== undefined && !isGraphqlName(endpoint.typeName)) {
    issues.push({ path: `${path}.typeName`, message: 'not a GraphQL name: use letters, digits and `_`, not starting with a digit or `__`' });
  }
  const idKey = endpoint.idKey ?? 'id';
  for (const [key, target] of Object.entries(endpoint.relations ?? {})) {
    const keyPath = `${path}.relations.${key}`;
    if (!endpointNames.includes(target)) {
      issues.push({ path: keyPath, message: `unknown endpoint \`${target}\`: declare it under \`endpoints\`${didYouMeanHint(target, endpointNames)}` });
    }
    if (key === idKey) issues.push({ path: keyPath, message: 'the identifier key cannot be a relation' });
    const field = endpoint.fields?.[key];
    if (field?.type !== undefined || field?.enum !== undefined) {
      issues.push({ path: `${path}.fields.${key}`, message: 'a relation takes its type from the related endpoint: remove `type` and `enum`' });
    }
  }
  for (const [key, field] of Object.entries(endpoint.fields ?? {})) {
    const fieldPath = `${path}.fields.${key}`;
    if (field.type !== undefined && field.enum !== undefined) {
      issues.push({ path: fieldPath, message: 'set either `type` or `enum`, not both' });
    }
    if (field.name !== undefined && !isGraphqlName(field.name)) {
      issues.push({ path: `${fieldPath}.name`, message: 'not a GraphQL name: use letters, digits and `_`, not starting with a digit or `__`' });
    }
    if (field.enum !== undefined) issues.push(...duplicates(field.enum, `${fieldPath}.enum`));
  }
  return issues;
}

function isGraphqlName(name: string): boolean {
  return GRAPHQL_NAME.test(name) && !name.startsWith('__');
}

function duplicates(values: readonly string[], path: string): ConfigIssue[] {
  return values.flatMap((value, index) =>
    values.indexOf(value) === index ? [] : [{ path: `${path}[${index}]`, message: `\`${value}\` is listed twice: remove one` }],
  );
}
