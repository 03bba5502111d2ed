/**
 * The change bus of one process: listeners are called synchronously in subscription order. A
 * listener that throws does not stop the others (it is reported through `onListenerError`).
 */
import type { ChangeBus, ChangeEvent, ChangeListener } from './types.js';

export interface LocalChangeBusOptions {
  readonly onListenerError?: (error: unknown, event: ChangeEvent) => void;
}

export function createLocalChangeBus(options: LocalChangeBusOptions = {}): ChangeBus {
  const listeners = new Set<ChangeListener>();
  return {
    publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          options.onListenerError?.(error, event);
        }
      }
    },
    subscribe(listener) {
      // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
      const entry: ChangeListener = (event) => listener(event);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    async close() {
      listeners.clear();
    },
  };
}
