/** The body shapes each client method promises; anything else is UPSTREAM_BAD_RESPONSE. */
import type { BjetError } from '../errors/bjet-error.js';
import type { HttpMethod } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import type { UpstreamAnswer } from './call-upstream.js';
import type { EndpointRoute } from './build-request.js';
import type { UpstreamRecord } from './types.js';
import { WRITE_APPLIED } from './read-response.js';
import { upstreamFailure } from './upstream-failure.js';

/** A write's 2xx said it applied: a body of the wrong shape leaves its outcome unknown (read-response.ts). */
function badShape(route: EndpointRoute, method: HttpMethod, answer: UpstreamAnswer, item: boolean, detail: string): BjetError {
  const site = { method, endpoint: route.endpoint, template: item ? route.itemTemplate : route.collectionTemplate, attempt: answer.attempt };
  const facts = { status: answer.status };
  if (method === 'GET') return upstreamFailure('UPSTREAM_BAD_RESPONSE', site, detail, facts);
  return upstreamFailure('UPSTREAM_WRITE_OUTCOME_UNKNOWN', site, `${WRITE_APPLIED} ${answer.status}, but ${detail}`, facts);
}

/** A bare array of records or `{ data: [...] }` (the envelope the vendor once documented). */
export function checkList(route: EndpointRoute, answer: UpstreamAnswer): UpstreamRecord[] {
  const body = answer.body;
  const list: unknown = isRecord(body) && Array.isArray(body['data']) ? body['data'] : body;
  if (!Array.isArray(list)) {
    throw badShape(route, 'GET', answer, false, 'expected a JSON array of records (or {"data": [...]})');
  }
  for (const item of list) {
    if (!isRecord(item)) throw badShape(route, 'GET', answer, false, 'expected every list element to be a record');
  }
  return list as UpstreamRecord[];
}

export function checkRecord(route: EndpointRoute, method: HttpMethod, answer: UpstreamAnswer, item: boolean): UpstreamRecord {
  if (!isRecord(answer.body)) throw badShape(route, method, answer, item, 'expected a JSON object (one record)');
  return answer.body;
}

/** A created record must name its identifier: without it the caller cannot find it again. */
export function checkCreated(route: EndpointRoute, answer: UpstreamAnswer): UpstreamRecord {
  const record = checkRecord(route, 'POST', answer, false);
  const id = record[route.idKey];
  if (id === undefined || id === null || id === false || id === '') {
    throw badShape(route, 'POST', answer, false, `the created record has no identifier "${route.idKey}"`);
  }
  return record;
}
