/**
 * What one HTTP answer says about the health of the upstream behind it, for the circuit breaker.
 * Only an answer that means "nothing healthy is behind the proxy" counts against it: 502, 503 and
 * 504, or another 5xx that does not carry a BJET error body (an HTML or text page from a proxy or a
 * crashed worker, an empty body). A 500 with `{error, line_id, status_code}` or `{message}` is Odoo
 * itself refusing one request (a script error on one record, a mapping line): the upstream is alive.
 */
import { classifyBody, parseErrorJson } from './parse-error-body.js';
import type { RawResponse } from './read-response.js';

export type AnswerHealth = 'healthy' | 'unhealthy';

export function answerHealth(raw: Pick<RawResponse, 'status' | 'contentType' | 'text'>): AnswerHealth {
  if (raw.status === 502 || raw.status === 503 || raw.status === 504) return 'unhealthy';
  if (raw.status < 500) return 'healthy';
  return carriesBjetError(raw.contentType, raw.text) ? 'healthy' : 'unhealthy';
}

/** A JSON object of one of the module's error shapes, with its description. */
function carriesBjetError(contentType: string | undefined, text: string): boolean {
  const classified = classifyBody(contentType, text);
  if (classified.kind !== 'json') return false;
  return parseErrorJson(classified.json).message !== undefined;
}
