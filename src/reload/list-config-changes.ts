/**
 * What a reload changed, coarsely, for its log line: `server.budget`, `upstream.rateLimit`,
 * `endpoints`, `schema`. Names of keys only, never a value (a value may be a credential).
 */
import type { Config } from '../config/types.js';
import { isRecord } from '../shared/guards.js';
import { sameValue } from './restart-only-keys.js';

/** Sections whose changes are named one key deeper. */
const DEEPER = new Set(['server', 'upstream', 'subscriptions', 'webhooks']);

export function listConfigChanges(running: Config, next: Config): string[] {
  const changes: string[] = [];
  const keys = new Set([...Object.keys(running), ...Object.keys(next)]);
  for (const key of [...keys].sort()) {
    if (key === 'source') continue;
    const before: unknown = Reflect.get(running, key);
    const after: unknown = Reflect.get(next, key);
    if (sameValue(before, after)) continue;
    if (DEEPER.has(key) && isRecord(before) && isRecord(after)) changes.push(...changedChildren(key, before, after));
    else changes.push(key);
  }
  return changes;
}

function changedChildren(prefix: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .sort()
    .filter((key) => !sameValue(before[key], after[key]))
    .map((key) => `${prefix}.${key}`);
}
