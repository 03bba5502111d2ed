/**
 * One request to a contender, checked before it is timed: HTTP 200, no `errors`, and `data` equal to
 * the expected answer. Also counts the REST calls that one operation made (the simulator's record).
 */
import type { BenchQuery } from './bench-queries.js';
import type { Contender } from './contenders.js';
import type { HttpCall } from './run-load.js';
import { firstDifference, sameAnswer } from './same-answer.js';
import type { SimAdmin } from './sim-admin.js';

export type CheckStatus = 'ok' | 'wrong' | 'errors' | 'http-error' | 'unsupported';

export interface CheckResult {
  readonly status: CheckStatus;
  /** Why it is not ok (first difference, first error message, status), or the reason it is unsupported. */
  readonly detail: string;
  /** REST calls the operation made, or null when not measured. */
  readonly restCalls: number | null;
  /** The exact body answered: under load, any other body counts as a failure. */
  readonly body: string;
}

export async function checkAnswer(contender: Contender, query: BenchQuery, call: HttpCall | null, expected: unknown, sim: SimAdmin): Promise<CheckResult> {
  if (call === null) return { status: 'unsupported', detail: query.meshNote ?? 'no equivalent operation', restCalls: null, body: '' };
  await sim.clearRecords();
  let status = 0;
  let body = '';
  try {
    const response = await fetch(call.url, { method: call.method, headers: call.headers, ...(call.body === undefined ? {} : { body: call.body }) });
    status = response.status;
    body = await response.text();
  } catch (error) {
    return { status: 'http-error', detail: error instanceof Error ? error.message : String(error), restCalls: null, body };
  }
  const restCalls = await sim.countRecords();
  if (status !== 200) return { status: 'http-error', detail: `HTTP ${status}: ${body.slice(0, 200)}`, restCalls, body };
  return { ...judge(contender, query, body, expected), restCalls, body };
}

function judge(contender: Contender, query: BenchQuery, body: string, expected: unknown): { status: CheckStatus; detail: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 'http-error', detail: `not JSON: ${body.slice(0, 120)}` };
  }
  const envelope = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  if (Array.isArray(envelope.errors) && envelope.errors.length > 0) {
    const first: unknown = envelope.errors[0];
    const message = first !== null && typeof first === 'object' && 'message' in first ? String(first.message) : JSON.stringify(first);
    return { status: 'errors', detail: message.slice(0, 200) };
  }
  const data = envelope.data !== null && typeof envelope.data === 'object' ? (envelope.data as Record<string, unknown>) : {};
  const actual = contender.canonical(query, data);
  return sameAnswer(actual, expected) ? { status: 'ok', detail: '' } : { status: 'wrong', detail: firstDifference(actual, expected) };
}
