/**
 * The upstream's base URL and per-endpoint auth headers, read from the bjet-graphql config the bench
 * wrote (bench/.work/*.json), so that every contender talks to the same simulator the same way.
 */
import { readFileSync } from 'node:fs';

export interface UpstreamSettings {
  readonly baseUrl: string;
  headersFor(endpoint: string): Readonly<Record<string, string>>;
}

type Json = Readonly<Record<string, unknown>>;

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});

function authHeaders(auth: Json): Record<string, string> {
  if (auth.type === 'bearer') return { authorization: `Bearer ${String(auth.token)}` };
  if (auth.type === 'basic') {
    return { authorization: `Basic ${Buffer.from(`${String(auth.login)}:${String(auth.password)}`).toString('base64')}` };
  }
  return {};
}

export function readUpstreamSettings(configFile: string): UpstreamSettings {
  const config = asObject(JSON.parse(readFileSync(configFile, 'utf8')));
  const upstream = asObject(config.upstream);
  const endpoints = asObject(config.endpoints);
  const fallback = authHeaders(asObject(upstream.auth));
  const headers = new Map<string, Record<string, string>>();
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const auth = asObject(endpoint).auth;
    headers.set(name, auth === undefined ? fallback : authHeaders(asObject(auth)));
  }
  return {
    baseUrl: String(upstream.baseUrl).replace(/\/$/, ''),
    headersFor: (endpoint) => headers.get(endpoint) ?? fallback,
  };
}
