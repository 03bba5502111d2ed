/** A ChangeEvent that came over Redis from another replica (checked: it crossed a wire). */
import type { ChangeEvent } from '../changes/types.js';
import type { UpstreamRecord } from '../upstream/types.js';

const KINDS: readonly unknown[] = ['created', 'updated', 'deleted'];
const SOURCES: readonly unknown[] = ['webhook', 'mutation'];

export function parseChangeEvent(value: unknown): ChangeEvent | null {
  if (value === null || typeof value !== 'object') return null;
  const { kind, endpoint, id, record, writeDate, source, at, listsPatched } = value as Record<string, unknown>;
  if (!KINDS.includes(kind) || !SOURCES.includes(source)) return null;
  if (typeof endpoint !== 'string' || typeof id !== 'string' || typeof at !== 'number') return null;
  if (writeDate !== null && typeof writeDate !== 'string') return null;
  if (record !== null && (typeof record !== 'object' || Array.isArray(record))) return null;
  return {
    kind: kind as ChangeEvent['kind'],
    endpoint,
    id,
    record: record as UpstreamRecord | null,
    writeDate,
    source: source as ChangeEvent['source'],
    at,
    ...(listsPatched === true ? { listsPatched: true } : {}),
  };
}
