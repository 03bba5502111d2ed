/**
 * The payload of a pub/sub message `{ origin, <key>: payload }` sent by a replica, or null when the
 * message is not JSON, not an object, or this replica's own (it applied it before publishing).
 */
export function readEnvelope(message: string, self: string, key: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const envelope = value as Record<string, unknown>;
  return envelope['origin'] === self ? null : (envelope[key] ?? null);
}
