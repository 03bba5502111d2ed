/**
 * The bench config with its record cache pinned to one end: on every endpoint with a TTL no cell
 * outlives (so that, once warmed, every read is a hit), or off on every endpoint (every read is a
 * REST call, as before the cache existed). The cache's defaults sit in between: their entries
 * expire during a cell, which measures neither case.
 */
type Json = Record<string, unknown>;

/** Fresh for a day: a cell lasts seconds and a full run well under an hour. */
export const FULLY_CACHED_TTL_SECONDS = 86_400;

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Json) } : {});

const mapEndpoints = (config: Json, each: (endpoint: Json) => Json): Json =>
  Object.fromEntries(Object.entries(asObject(config.endpoints)).map(([name, endpoint]) => [name, each(asObject(endpoint))]));

/** Every endpoint cached under the global settings (an endpoint's own `cache`, `false` included, is dropped). */
export function withFullCache(config: Json): Json {
  const upstream = asObject(config.upstream);
  const cache = { ...asObject(upstream.cache), ttlSeconds: FULLY_CACHED_TTL_SECONDS, staleWhileRevalidateSeconds: 0 };
  const endpoints = mapEndpoints(config, (endpoint) => {
    const { cache: _own, ...rest } = endpoint;
    return rest;
  });
  return { ...config, upstream: { ...upstream, cache }, endpoints };
}

/** `cache: false` on every endpoint. */
export function withoutCache(config: Json): Json {
  return { ...config, endpoints: mapEndpoints(config, (endpoint) => ({ ...endpoint, cache: false })) };
}
