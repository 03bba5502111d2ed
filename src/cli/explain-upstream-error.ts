/**
 * What the person running a CLI command can fix, added to an upstream failure's message: the full
 * URL that was tried (never shown to GraphQL clients; it carries no credential), and for a 401 which
 * `auth` of the config was used. Null when there is nothing to add.
 */
import type { Config } from '../config/types.js';
import type { BjetError } from '../errors/bjet-error.js';

export function explainUpstreamError(error: BjetError, config: Config): string | null {
  const upstream = error.upstream;
  if (upstream === undefined) return null;
  const url = new URL(config.upstream.baseUrl);
  url.username = '';
  url.password = '';
  const tried = `${upstream.method} ${url.href.replace(/\/$/, '')}${upstream.path}`;
  const endpoint = config.endpoints.find((candidate) => candidate.name === upstream.endpoint);
  if (upstream.status === 404 || (upstream.status !== undefined && error.code === 'UPSTREAM_BAD_RESPONSE' && error.message.includes('HTML'))) {
    return `tried ${tried}: is upstream.baseUrl right (the BJET routes are under /bj_api_sync/v1), and is "${upstream.endpoint}" the endpoint's name in Odoo?`;
  }
  if (upstream.status === 401 || upstream.status === 403) {
    const auth =
      endpoint?.auth === null || endpoint === undefined
        ? `upstream.auth (${config.upstream.auth.type})`
        : `endpoints.${upstream.endpoint}.auth (${endpoint.auth.type})`;
    const fix = upstream.status === 401 ? 'check those credentials' : "the endpoint's technical user lacks rights on the Odoo model";
    return `tried ${tried} with ${auth}: ${fix}`;
  }
  if (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT') return `tried ${tried}`;
  return null;
}
