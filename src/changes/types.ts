/**
 * Contract of the change feed: what Odoo (through the webhook), our own mutations and the
 * simulator's in-Odoo edits tell us changed. The cache listens to invalidate, subscriptions
 * listen to deliver; with replicas the bus fans out over Redis so every replica hears every change.
 */
import type { UpstreamRecord } from '../upstream/types.js';

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface ChangeEvent {
  readonly kind: ChangeKind;
  /** Configured endpoint name. */
  readonly endpoint: string;
  /** The record identifier's string form (as in URLs and cache keys). */
  readonly id: string;
  /**
   * The record as pushed or as our own write answered, when complete and trusted (`trustPayload`,
   * or our own mutation's answer); `null` means "changed, re-read it" (a hint) or a delete.
   */
  readonly record: UpstreamRecord | null;
  /** Odoo's `write_date` of the pushed record when mapped (orders deliveries), else null. */
  readonly writeDate: string | null;
  /** Who told us. */
  readonly source: 'webhook' | 'mutation';
  /** Epoch ms it was received or applied. */
  readonly at: number;
  /**
   * Our own mutation kept the endpoint's list pages and patched them with `record` (no filter key
   * was written): another replica patches its pages the same way instead of dropping them.
   */
  readonly listsPatched?: boolean;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface ChangeBus {
  /** Delivers to every listener of every replica (local listeners synchronously, in order). */
  publish(event: ChangeEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}
