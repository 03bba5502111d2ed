/** One GraphQL request over HTTP, timed, with its outcome as the dashboard sees it: data, or an error code. */
import { performance } from 'node:perf_hooks';
import type { GraphqlRequest } from './dashboard-operations.js';

export interface GraphqlOutcome {
  /** performance.now() when sent and when the whole body was read. */
  readonly sentAt: number;
  readonly receivedAt: number;
  /** null when the answer has data and no errors. */
  readonly code: string | null;
  readonly data: Readonly<Record<string, unknown>> | null;
  /** The answer said some of it came from the cache past its bound (a `STALE_ANSWER` warning). */
  readonly flaggedStale: boolean;
}

const CLIENT_TIMEOUT_MS = 30_000;

type Json = Readonly<Record<string, unknown>>;
const asObject = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);

export async function sendGraphql(url: string, request: GraphqlRequest, headers: Readonly<Record<string, string>> = {}): Promise<GraphqlOutcome> {
  const sentAt = performance.now();
  let status = 0;
  let text = '';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: request.query, variables: request.variables }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const code = error instanceof Error && error.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'CONNECTION_FAILED';
    return { sentAt, receivedAt: performance.now(), code, data: null, flaggedStale: false };
  }
  const receivedAt = performance.now();
  return { sentAt, receivedAt, ...classify(status, text) };
}

function classify(status: number, text: string): { code: string | null; data: Json | null; flaggedStale: boolean } {
  let body: Json | null = null;
  try {
    body = asObject(JSON.parse(text));
  } catch {
    return { code: `HTTP_${status}`, data: null, flaggedStale: false };
  }
  const warnings = asObject(body?.extensions)?.warnings;
  const flaggedStale = Array.isArray(warnings) && warnings.some((warning) => asObject(warning)?.code === 'STALE_ANSWER');
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  if (errors.length > 0) {
    const code = asObject(asObject(errors[0])?.extensions)?.code;
    return { code: typeof code === 'string' ? code : 'UNCODED_ERROR', data: null, flaggedStale };
  }
  const data = asObject(body?.data);
  if (data === null) return { code: `HTTP_${status}`, data: null, flaggedStale };
  return { code: status === 200 ? null : `HTTP_${status}`, data, flaggedStale };
}
