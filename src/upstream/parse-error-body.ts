/**
 * What an upstream body says about a failure. Three JSON shapes are known (shared/bjet-api.md):
 * `{message}`, `{error, line_id, status_code}` and the legacy `{status: "error", message, code}`.
 * Anything that is not JSON (Odoo's or a proxy's HTML page, plain text) is only classified.
 */
import { isRecord } from '../shared/guards.js';

export type BodyKind = 'empty' | 'json' | 'html' | 'text';

export interface ErrorBodyFacts {
  readonly kind: BodyKind;
  /** The parsed JSON when `kind` is `json`. */
  readonly json?: unknown;
  /** The upstream's own description, unsanitized: redact before showing it. */
  readonly message?: string;
  readonly lineId?: string;
  readonly statusCode?: string;
  /** `code` of the legacy body, when it is an HTTP status. */
  readonly legacyStatus?: number;
}

/** Index of the first non-white-space character (white space as `trim` sees it), or -1. Scans; copies nothing. */
const firstSignificant = (text: string): number => text.search(/\S/);

export function isHtml(contentType: string | undefined, text: string, start = firstSignificant(text)): boolean {
  if (contentType !== undefined && contentType.toLowerCase().includes('html')) return true;
  // JSON never starts with `<`; an HTML or XML page always does.
  return start >= 0 && text.charCodeAt(start) === 0x3c;
}

/** Every successful answer passes here: no trimmed copies of the body (a list page is tens of KB). */
export function classifyBody(contentType: string | undefined, text: string): ErrorBodyFacts {
  const start = firstSignificant(text);
  if (start < 0) return { kind: 'empty' };
  if (isHtml(contentType, text, start)) return { kind: 'html' };
  try {
    return { kind: 'json', json: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text' };
  }
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The facts of a JSON error body of any of the three shapes; `{}` for any other value. */
export function parseErrorJson(json: unknown): Omit<ErrorBodyFacts, 'kind'> {
  if (!isRecord(json)) return {};
  const body = json;
  const message = scalarText(body['error']) ?? scalarText(body['message']);
  const facts: { -readonly [K in keyof ErrorBodyFacts]?: ErrorBodyFacts[K] } = {};
  if (message !== undefined) facts.message = message;
  const lineId = scalarText(body['line_id']);
  if (lineId !== undefined && lineId !== '') facts.lineId = lineId;
  const statusCode = scalarText(body['status_code']);
  if (statusCode !== undefined && statusCode !== '') facts.statusCode = statusCode;
  const legacy = Number(body['code']);
  if (body['status'] === 'error' && Number.isInteger(legacy) && legacy >= 400 && legacy <= 599) {
    facts.legacyStatus = legacy;
  }
  return facts;
}

/** True for the legacy `{status: "error", ...}` body, which may arrive with a 2xx status. */
export function isLegacyErrorBody(json: unknown): boolean {
  return isRecord(json) && json['status'] === 'error';
}
