/**
 * The logger's redaction: every logged object (and every child logger's bindings) passes here, and
 * the value of any key that names a credential is replaced, at any depth up to MAX_DEPTH, whatever
 * its case. Callers never log headers, bodies or URL queries; this is the second line of defence
 * for a credential that slips into a logged object.
 *
 * Why not pino's `redact` paths: they name positions (`*.*.authorization`), so covering a few key
 * names at a few depths takes dozens of wildcard paths, which cost more than the rest of a simple
 * operation's logging (docs/decisions/0003). This scan costs one pass over the (small) logged object and copies nothing unless it
 * finds a secret.
 */
export const CENSOR = '[redacted]';

/** Lower-case key names whose values are credentials. */
const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'password',
  'passwd',
  'token',
  'accesstoken',
  'access_token',
  'refreshtoken',
  'refresh_token',
  'apikey',
  'api_key',
  'x-api-key',
  'secret',
  'cookie',
  'set-cookie',
]);

/** Levels scanned below the logged object itself (`req.headers.authorization` is 2). */
const MAX_DEPTH = 5;

const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key.toLowerCase());

/** A copy keeping the prototype and every own property (an Error keeps its message and stack). */
function copyOf<T extends object>(value: T): T {
  if (Array.isArray(value)) return value.slice() as T;
  return Object.create(Object.getPrototypeOf(value) as object | null, Object.getOwnPropertyDescriptors(value)) as T;
}

/** `value` itself when it holds no secret key, else a copy with those values censored. */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const source = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const original = source[key];
    const scrubbed = isSecretKey(key) && original !== undefined ? CENSOR : scrubSecrets(original, depth + 1);
    if (scrubbed !== original) {
      out ??= copyOf(source);
      out[key] = scrubbed;
    }
  }
  return (out ?? value) as T;
}
