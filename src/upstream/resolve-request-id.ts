import { randomUUID } from 'node:crypto';

/** What we accept from a client: short, and safe to echo in a header and a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id of a GraphQL operation: the client's `X-Request-ID` when it is well-formed (so the
 * client can correlate with Odoo's request log), otherwise a fresh UUID. A malformed value is
 * dropped rather than cleaned, so nothing a client sends reaches a header or a log line unchecked.
 */
export function resolveRequestId(headerValue: string | undefined): string {
  if (headerValue !== undefined && REQUEST_ID.test(headerValue)) return headerValue;
  return randomUUID();
}
