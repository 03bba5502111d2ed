/** Builds the BjetErrors of the upstream client, with the safe `upstream` facts only. */
import { BjetError } from '../errors/bjet-error.js';
import type { UpstreamErrorInfo } from '../errors/bjet-error.js';
import type { ErrorCode } from '../errors/codes.js';
import type { HttpMethod } from '../model/source-model.js';

/** Which call failed: enough for a message and for `extensions.upstream`, nothing secret. */
export interface CallSite {
  readonly method: HttpMethod;
  readonly endpoint: string;
  /** Path template, e.g. `/partners/{id}`. */
  readonly template: string;
  readonly attempt: number;
}

export interface FailureFacts {
  readonly status?: number | undefined;
  readonly lineId?: string | undefined;
  readonly statusCode?: string | undefined;
  readonly retryAfterMs?: number | undefined;
}

function buildUpstreamInfo(site: CallSite, facts: FailureFacts = {}): UpstreamErrorInfo {
  const info: { -readonly [K in keyof UpstreamErrorInfo]: UpstreamErrorInfo[K] } = {
    endpoint: site.endpoint,
    method: site.method,
    path: site.template,
    attempts: site.attempt,
  };
  if (facts.status !== undefined) info.status = facts.status;
  if (facts.lineId !== undefined) info.lineId = facts.lineId;
  if (facts.statusCode !== undefined) info.statusCode = facts.statusCode;
  if (facts.retryAfterMs !== undefined) info.retryAfterMs = facts.retryAfterMs;
  return info;
}

export function upstreamFailure(code: ErrorCode, site: CallSite, detail: string, facts: FailureFacts = {}, cause?: unknown): BjetError {
  return new BjetError(code, `${site.method} ${site.template}: ${detail}`, {
    upstream: buildUpstreamInfo(site, facts),
    cause,
  });
}
