/**
 * Every change of a record the simulator holds, made through the API or "inside Odoo" (the admin
 * route), reported to its listeners: the outbound side (Odoo calling out to a webhook) is one.
 */
export interface SimChange {
  readonly kind: 'created' | 'updated' | 'deleted';
  /** The endpoint whose record changed (a change inside Odoo is reported for each endpoint of the model). */
  readonly endpoint: string;
  /** The Odoo database id of the row. */
  readonly rowId: number;
  /** Through the REST API, or inside Odoo (not through the API). */
  readonly via: 'api' | 'odoo';
}

export type SimChangeListener = (change: SimChange) => void;

export interface SimChanges {
  emit(change: SimChange): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: SimChangeListener): () => void;
}

export function createSimChanges(): SimChanges {
  const listeners = new Set<SimChangeListener>();
  return {
    emit(change) {
      for (const listener of [...listeners]) listener(change);
    },
    subscribe(listener) {
      const entry: SimChangeListener = (change) => listener(change);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
