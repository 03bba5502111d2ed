/**
 * Headers never forwarded whatever the allow-list says: hop-by-hop headers (RFC 9110 §7.6.1) belong
 * to one connection, credentials travel only through the configured auth (or `forward` auth), and the
 * rest are set by the client itself.
 */
const NEVER_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
  'accept',
  'authorization',
  'cookie',
  'x-request-id',
]);

/** True when `name` (lower case) may ever be forwarded upstream. */
export function isForwardable(name: string): boolean {
  return !NEVER_FORWARDED.has(name) && !name.startsWith('proxy-');
}

/**
 * The client headers to forward: those on the allow-list and forwardable, with lower-case names.
 * Multi-valued headers are joined with `, ` (RFC 9110 §5.3).
 */
export function pickForwardedHeaders(
  allowList: readonly string[],
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const rawName of allowList) {
    const name = rawName.toLowerCase();
    if (!isForwardable(name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    picked[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return picked;
}
