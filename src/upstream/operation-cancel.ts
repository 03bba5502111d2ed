/**
 * The cancellation of one GraphQL operation: the server cancels it when the operation's client goes
 * away. A flag and a list, not an AbortSignal: a signal per request and per call costs CPU on every
 * request for something that almost never fires (docs/decisions/0006). The upstream client makes
 * an AbortSignal only when a call has to wait (share-in-flight.ts).
 */

export interface CancelListener {
  /** Called once, when the operation is cancelled (at once if it already was). */
  operationCancelled(): void;
}

export class OperationCancel {
  private listeners: CancelListener[] | null = [];

  get cancelled(): boolean {
    return this.listeners === null;
  }

  listen(listener: CancelListener): void {
    if (this.listeners === null) listener.operationCancelled();
    else this.listeners.push(listener);
  }

  cancel(): void {
    const listeners = this.listeners;
    if (listeners === null) return;
    this.listeners = null;
    for (const listener of listeners) listener.operationCancelled();
  }
}
