/**
 * A webhook body to the records it names: what BJET's outbound call sends (one record object, or an
 * array of up to `maxRecords` when paginated, keyed by the mapped external keys) or Odoo 17+'s
 * native webhook (`{_model, _id, _action, ...chosen fields}`, Odoo field names). Pure: no state,
 * nothing applied; a refusal says why without echoing a value (it may be personal data).
 */
import { createHash } from 'node:crypto';
import type { EndpointModel } from '../model/source-model.js';
import type { UpstreamRecord } from '../upstream/types.js';

export interface DeliveryItem {
  /** The identifier's string form, as in URLs. */
  readonly id: string;
  /** The payload restricted to the endpoint's mapped keys, when it has every one of them; else null. */
  readonly complete: UpstreamRecord | null;
  /** `write_date` of the payload, normalized to `YYYY-MM-DD HH:MM:SS[.ffffff]`, or null. */
  readonly writeDate: string | null;
  /** A digest of the mapped values sent: the same `write_date` with other values is another change (Odoo's dates are to the second). */
  readonly digest: string;
}

export type ParsedDelivery =
  | { readonly ok: true; readonly items: readonly DeliveryItem[] }
  | { readonly ok: false; readonly code: 'WEBHOOK_BAD_PAYLOAD' | 'WEBHOOK_PAYLOAD_TOO_LARGE'; readonly message: string };

const WRITE_DATE_KEYS = ['write_date', '__last_update'];

export function parseDelivery(raw: Buffer, endpoint: EndpointModel, maxRecords: number): ParsedDelivery {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse('the body is not JSON');
  }
  const objects = Array.isArray(body) ? body : [body];
  if (objects.length === 0) return refuse('the body is an empty list: send one record or a list of records');
  if (objects.length > maxRecords) {
    return { ok: false, code: 'WEBHOOK_PAYLOAD_TOO_LARGE', message: `the body has ${objects.length} records; at most ${maxRecords} per delivery` };
  }
  const items: DeliveryItem[] = [];
  for (const [position, value] of objects.entries()) {
    const where = Array.isArray(body) ? `record ${position}` : 'the record';
    if (!isObject(value)) return refuse(`${where} is not a JSON object`);
    const item = isNativeWebhook(value) ? parseNative(value, endpoint) : parseMapped(value, endpoint);
    if (item === null) return refuse(`${where} has no identifier: key \`${endpoint.idKey}\` (or Odoo's \`_id\`) must be a string or a number`);
    items.push(item);
  }
  return { ok: true, items };
}

function refuse(message: string): ParsedDelivery {
  return { ok: false, code: 'WEBHOOK_BAD_PAYLOAD', message };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNativeWebhook(value: Readonly<Record<string, unknown>>): boolean {
  return '_model' in value && '_id' in value;
}

function idText(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Unknown keys are ignored; the payload is complete when every mapped key is there. */
function parseMapped(value: Readonly<Record<string, unknown>>, endpoint: EndpointModel): DeliveryItem | null {
  const id = idText(value[endpoint.idKey]);
  if (id === null) return null;
  const record: Record<string, unknown> = {};
  let complete = true;
  for (const field of endpoint.fields) {
    if (field.key in value) record[field.key] = value[field.key];
    else complete = false;
  }
  return { id, complete: complete ? record : null, writeDate: writeDateOf(value), digest: digestOf(value, endpoint) };
}

/** Over the endpoint's mapped keys present, in the model's order: unknown keys do not count. */
export function digestOf(value: Readonly<Record<string, unknown>>, endpoint: EndpointModel): string {
  const hash = createHash('sha256');
  for (const field of endpoint.fields) if (field.key in value) hash.update(`${field.key}\u0000${JSON.stringify(value[field.key])}\u0000`);
  return hash.digest('base64url');
}

/**
 * Odoo's own webhook sends Odoo field names (not the endpoint's external keys) and the database id:
 * the identifier is `_id` when the endpoint's identifier is the Odoo id, else that key if chosen.
 * Never complete: its keys are not the mapping's.
 */
function parseNative(value: Readonly<Record<string, unknown>>, endpoint: EndpointModel): DeliveryItem | null {
  const id = endpoint.idKey === 'id' ? idText(value['_id']) : idText(value[endpoint.idKey]);
  if (id === null) return null;
  const fields = Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('_')));
  return { id, complete: null, writeDate: writeDateOf(value), digest: createHash('sha256').update(JSON.stringify(fields)).digest('base64url') };
}

function writeDateOf(value: Readonly<Record<string, unknown>>): string | null {
  for (const key of WRITE_DATE_KEYS) {
    const date = value[key];
    if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(date)) return date.replace('T', ' ').replace(/Z$/, '');
  }
  return null;
}
