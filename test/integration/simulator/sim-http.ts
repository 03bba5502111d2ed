/** A tiny HTTP client for the simulator contract tests (global fetch, no retries, no pooling surprises). */
import type { Simulator } from '../../../src/simulator/types.js';

export const BEARER = 'Bearer demo-token';
export const BASIC = `Basic ${Buffer.from('demo:demo-password').toString('base64')}`;

/** The default credentials of each endpoint, so tests can focus on what they check. */
export const AUTH_OF: Readonly<Record<string, string | null>> = {
  countries: null,
  partners: BEARER,
  'product-categories': null,
  uom: null,
  'product-tags': null,
  products: BASIC,
  'sale-orders': BEARER,
  'sale-order-lines': BEARER,
};

export interface CallOptions {
  /** Authorization header; defaults to the endpoint's own credentials; null sends none. */
  readonly auth?: string | null;
  /** An object is sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export async function call(sim: Simulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const endpoint = path.split(/[/?]/)[1] ?? '';
  const auth = options.auth === undefined ? (AUTH_OF[endpoint] ?? null) : options.auth;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The origin (scheme, host, port) of the simulator, for paths outside the base path. */
export function originOf(sim: Simulator): string {
  return new URL(sim.baseUrl).origin;
}

export function asRecords(json: unknown): Record<string, unknown>[] {
  if (!Array.isArray(json)) throw new Error(`expected an array, got ${JSON.stringify(json)?.slice(0, 200)}`);
  return json as Record<string, unknown>[];
}

export function asRecord(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`expected an object, got ${JSON.stringify(json)}`);
  return json as Record<string, unknown>;
}
