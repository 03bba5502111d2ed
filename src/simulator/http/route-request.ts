/**
 * Path and verb to a route, as Odoo's werkzeug router would: the BJET controller owns
 * `<base>/<endpoint>` (GET, POST) and `<base>/<endpoint>/<id>` (GET, PUT, DELETE); anything else is
 * werkzeug's HTML 404, or its HTML 405 for a verb the route does not take.
 */
import type { HttpMethod } from '../../model/source-model.js';

const ADMIN_PREFIX = '/__sim/';

export type Route =
  | { readonly kind: 'endpoint'; readonly name: string; readonly id: string | null; readonly method: HttpMethod }
  | { readonly kind: 'admin'; readonly path: string }
  | { readonly kind: 'html-404' }
  | { readonly kind: 'html-405' };

const COLLECTION_METHODS: readonly string[] = ['GET', 'POST'];
const ITEM_METHODS: readonly string[] = ['GET', 'PUT', 'DELETE'];

export function routeRequest(method: string, path: string, basePath: string, admin: boolean): Route {
  if (admin && path.startsWith(ADMIN_PREFIX)) return { kind: 'admin', path: path.slice(ADMIN_PREFIX.length) };
  if (!path.startsWith(`${basePath}/`)) return { kind: 'html-404' };
  const segments = path.slice(basePath.length + 1).split('/');
  if (segments.length > 2 || segments.some((segment) => segment === '')) return { kind: 'html-404' };
  const [rawName = '', rawId] = segments;
  const name = decode(rawName);
  const id = rawId === undefined ? null : decode(rawId);
  if (name === null || (id === null && rawId !== undefined)) return { kind: 'html-404' };
  const allowed = rawId === undefined ? COLLECTION_METHODS : ITEM_METHODS;
  if (!allowed.includes(method)) return { kind: 'html-405' };
  return { kind: 'endpoint', name, id, method: method as HttpMethod };
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
