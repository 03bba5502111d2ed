/**
 * `server.corsOrigins` as @fastify/cors takes it: `*` allows every origin, an entry ending in `:*`
 * (`http://localhost:*`) allows that scheme and host on any port (a dev server's port changes), any
 * other entry is one exact origin.
 */
export type CorsOrigin = true | readonly (string | RegExp)[];

export function buildCorsOrigin(origins: readonly string[]): CorsOrigin {
  if (origins.includes('*')) return true;
  return origins.map((origin) => (origin.endsWith(':*') ? new RegExp(`^${escapeRegExp(origin.slice(0, -2))}:\\d{1,5}$`) : origin));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
