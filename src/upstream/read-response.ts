/**
 * Pure response reading: a status, two headers and the body text become either the parsed body or
 * a BjetError with its stable code (the table in errors/codes.ts and shared/STYLE.md).
 */
import type { BjetError } from '../errors/bjet-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { classifyBody, isLegacyErrorBody, parseErrorJson, type ErrorBodyFacts } from './parse-error-body.js';
import { redactSecrets } from './redact-secrets.js';
import { parseRetryAfter } from './retry-policy.js';
import type { UpstreamResponse } from './types.js';
import { upstreamFailure, type CallSite } from './upstream-failure.js';

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly retryAfter: string | undefined;
  readonly text: string;
}

export interface ReadContext {
  readonly site: CallSite;
  /** Configured secrets and the call's forwarded credential, removed from any upstream text. */
  readonly secrets: readonly string[];
  readonly extraSecrets: readonly string[];
  readonly now: number;
}

/** The code of a non-2xx status whose body is readable JSON (or empty). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 429:
      return 'UPSTREAM_RATE_LIMITED';
    default:
      return 'UPSTREAM_ERROR';
  }
}

/** True for the statuses whose meaning does not depend on the body (the proxy may answer them too). */
function isDefinedStatus(status: number): boolean {
  return codeForStatus(status) !== 'UPSTREAM_ERROR';
}

function describe(facts: ErrorBodyFacts, rc: ReadContext): string {
  switch (facts.kind) {
    case 'html':
      return ' with an HTML page';
    case 'text':
      return ' with a body that is not JSON';
    case 'empty':
    case 'json':
      if (facts.message === undefined || facts.message === '') return '';
      return `: ${redactSecrets(facts.message, rc.secrets, rc.extraSecrets)}`;
  }
}

/** The error for a failed status (or a legacy error body, whose `code` stands in for the status). */
function errorForStatus(status: number, facts: ErrorBodyFacts, raw: RawResponse, rc: ReadContext): BjetError {
  // A 5xx or odd status with a page instead of JSON came from something other than the BJET module.
  const unreadable = facts.kind === 'html' || facts.kind === 'text';
  const code = unreadable && !isDefinedStatus(status) ? 'UPSTREAM_BAD_RESPONSE' : codeForStatus(status);
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(raw.retryAfter, rc.now) : undefined;
  return upstreamFailure(code, rc.site, `upstream answered ${raw.status}${describe(facts, rc)}`, {
    status: raw.status,
    lineId: facts.lineId,
    statusCode: facts.statusCode,
    retryAfterMs,
  });
}

/** The parsed body of a 2xx answer, or the error it really is. */
export function readResponse(raw: RawResponse, rc: ReadContext): UpstreamResponse {
  const ok = raw.status >= 200 && raw.status < 300;
  const classified = classifyBody(raw.contentType, raw.text);
  if (!ok) {
    const facts = classified.kind === 'json' ? { ...classified, ...parseErrorJson(classified.json) } : classified;
    throw errorForStatus(raw.status, facts, raw, rc);
  }
  switch (classified.kind) {
    case 'empty':
      return { status: raw.status, body: null };
    case 'json':
      if (isLegacyErrorBody(classified.json)) {
        const facts = { ...classified, ...parseErrorJson(classified.json) };
        throw errorForStatus(facts.legacyStatus ?? 500, facts, raw, rc);
      }
      return { status: raw.status, body: classified.json };
    case 'html':
    case 'text':
      throw unreadableSuccess(raw, rc, describe(classified, rc));
  }
}

/**
 * A 2xx whose body we cannot read. For a write the upstream said it applied it: the client must
 * not take it for a failure and retry into a duplicate, so it is an unknown outcome, not a bad
 * response.
 */
function unreadableSuccess(raw: RawResponse, rc: ReadContext, what: string): BjetError {
  const facts = { status: raw.status };
  if (rc.site.method === 'GET') return upstreamFailure('UPSTREAM_BAD_RESPONSE', rc.site, `upstream answered ${raw.status}${what}`, facts);
  return upstreamFailure('UPSTREAM_WRITE_OUTCOME_UNKNOWN', rc.site, `${WRITE_APPLIED} ${raw.status}${what}`, facts);
}

/** The start of the message of a 2xx write we cannot read (check-shape.ts says it too). */
export const WRITE_APPLIED = 'applied as far as we know (not retried; read the record before trying again): upstream answered';
