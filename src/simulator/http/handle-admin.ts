/**
 * Admin routes (only with `admin: true`), for driving a simulator in another process:
 * GET/DELETE `/__sim/records`, POST/DELETE `/__sim/faults`, POST `/__sim/latency`, POST `/__sim/reset-data`,
 * GET/DELETE `/__sim/proxy` (the emulated proxy's counts), POST `/__sim/odoo/<endpoint>/<id>` (a change
 * made inside Odoo: `{"set": {...}}`, `{"archive": true|false}` or `{"delete": true}`).
 * Admin requests are not recorded, so exact upstream call counts stay exact.
 */
import { z } from 'zod';
import { editInOdoo } from '../edit-in-odoo.js';
import type { SimState } from '../sim-state.js';
import { replyJson, type Exchange } from './exchange.js';
import { readBody } from './read-body.js';

const METHODS = z.array(z.enum(['GET', 'POST', 'PUT', 'DELETE']));
const FAULT_BODY = z.strictObject({
  endpoint: z.string().min(1).default('*'),
  kind: z.enum(['status-500', 'timeout', 'reset', 'malformed-json', 'html-error', 'status-429']),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  methods: METHODS.optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  resetWhen: z.enum(['before', 'after']).optional(),
});
const LATENCY = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), ms: z.number().nonnegative() }),
  z.strictObject({ kind: z.literal('random'), minMs: z.number().nonnegative(), maxMs: z.number().nonnegative() }),
]);
const ODOO_EDIT = z.union([
  z.strictObject({ set: z.record(z.string(), z.unknown()) }),
  z.strictObject({ archive: z.boolean() }),
  z.strictObject({ delete: z.literal(true) }),
]);
const LATENCY_BODY = z.strictObject({ endpoint: z.string().min(1).default('*'), latency: LATENCY.nullable() });

export async function handleAdmin(state: SimState, exchange: Exchange, method: string, path: string): Promise<void> {
  const text = await readBody(exchange.req);
  const route = `${method} ${path}`;
  try {
    const edit = /^odoo\/([^/]+)\/([^/]+)$/.exec(path);
    if (method === 'POST' && edit !== null) {
      const answer = editInOdoo(state, decodeURIComponent(edit[1] ?? ''), decodeURIComponent(edit[2] ?? ''), ODOO_EDIT.parse(parseJson(text)));
      return replyJson(exchange, answer.status, answer.body);
    }
    switch (route) {
      case 'GET records':
        return replyJson(exchange, 200, { records: state.log.records, peakInFlight: state.log.peakInFlight });
      case 'DELETE records':
        state.log.clear();
        state.log.resetPeak();
        return replyJson(exchange, 200, { message: 'records cleared' });
      case 'POST faults': {
        const { endpoint, ...fault } = FAULT_BODY.parse(parseJson(text));
        state.faults.add(endpoint, fault);
        return replyJson(exchange, 201, { message: `fault ${fault.kind} added on ${endpoint}` });
      }
      case 'DELETE faults':
        state.faults.clear();
        return replyJson(exchange, 200, { message: 'faults cleared' });
      case 'POST latency': {
        const { endpoint, latency } = LATENCY_BODY.parse(parseJson(text));
        state.latency.set(endpoint, latency);
        return replyJson(exchange, 200, { message: `latency set on ${endpoint}` });
      }
      case 'GET proxy':
        return replyJson(exchange, 200, { proxy: state.proxy?.stats() ?? null });
      case 'DELETE proxy':
        state.proxy?.reset();
        return replyJson(exchange, 200, { message: 'proxy counts cleared' });
      case 'POST reset-data':
        state.resetData();
        return replyJson(exchange, 200, { message: 'data reset' });
      default:
        return replyJson(exchange, 404, { message: `no admin route ${route}` });
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    return replyJson(exchange, 400, { message });
  }
}

function parseJson(text: string): unknown {
  return JSON.parse(text === '' ? '{}' : text);
}
