/**
 * The event of a delivery, from the path (`/hooks/bjet/partners/deleted`) or the configuration's
 * static header: the module sends no event of its own. "changed" (the default) is an update.
 */
import type { ChangeKind } from '../changes/types.js';

const EVENTS: Readonly<Record<string, ChangeKind>> = {
  created: 'created',
  create: 'created',
  updated: 'updated',
  update: 'updated',
  changed: 'updated',
  write: 'updated',
  deleted: 'deleted',
  delete: 'deleted',
  unlink: 'deleted',
};

export const EVENT_NAMES: readonly string[] = Object.keys(EVENTS);

/** Null for a name that is not an event. */
export function parseEventName(name: string | undefined): ChangeKind | null {
  if (name === undefined || name.trim() === '') return 'updated';
  return EVENTS[name.trim().toLowerCase()] ?? null;
}
