/**
 * Identical GETs in flight at the same time share one upstream call. Under load many operations
 * ask for the same page or the same related record within the same millisecond (every client of a
 * dashboard, every row of a list pointing at the same country); the upstream answers them all once.
 *
 * Identical means the same path and query and the same credentials and forwarded headers, so one
 * client never sees an answer made for another's credentials. The first caller (the leader) makes
 * the call with its own context: its request id, its deadline (the earliest, as every later caller
 * started later with the same timeout) and its accounting. The others join it: they send nothing,
 * their `onShared` hook is told, and they get the same answer or the same error.
 *
 * Cancellation (the server cancels an operation when its client goes away): a call is abandoned
 * when every caller in it has been cancelled, and a caller that cannot be cancelled pins it. An
 * abandoned call that is still waiting (for a connection slot, a rate-limit token, a retry) is never
 * sent; one already on the wire is left to finish, as aborting it would cost the connection and
 * save no upstream work, and its callers get its answer all the same (nobody reads it). Either way
 * it is forgotten at once, so a later caller starts a new call.
 *
 * Writes are never shared: each one is sent exactly once, as asked (see call-upstream.ts).
 */
import type { BuiltRequest, EndpointRoute } from './build-request.js';
import type { CancelListener, OperationCancel } from './operation-cancel.js';
import type { CallContext } from './types.js';

/**
 * What a call checks before each step that can wait or send: whether it was abandoned, and a signal
 * for its waits (made only when a wait needs one).
 */
export interface CallAbandon {
  readonly abandoned: boolean;
  waitSignal(): AbortSignal;
}

/** `send`'s handle for a caller already cancelled: the call fails before sending anything. */
const ALREADY_ABANDONED: CallAbandon = { abandoned: true, waitSignal: () => AbortSignal.abort() };

class SharedCall<T> implements CancelListener, CallAbandon {
  answer!: Promise<T>;
  abandoned = false;
  /** Callers in it that can still be cancelled; -1 once one that cannot is in it (pinned). */
  private staying = 0;
  private settled = false;
  private controller: AbortController | undefined;

  constructor(
    readonly key: string,
    private readonly forget: (call: SharedCall<T>) => void,
  ) {}

  join(cancel: OperationCancel | undefined): void {
    if (this.staying < 0) return;
    if (cancel === undefined) {
      this.staying = -1;
      return;
    }
    this.staying += 1;
    cancel.listen(this);
  }

  waitSignal(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.abandoned) this.controller.abort();
    return this.controller.signal;
  }

  settle(): void {
    this.settled = true;
    this.forget(this);
  }

  operationCancelled(): void {
    if (this.staying < 0 || this.settled) return;
    this.staying -= 1;
    if (this.staying > 0) return;
    this.abandoned = true;
    this.controller?.abort();
    this.forget(this);
  }
}

export class InFlightGets<T> {
  private readonly calls = new Map<string, SharedCall<T>>();
  private readonly forget = (call: SharedCall<T>): void => {
    if (this.calls.get(call.key) === call) this.calls.delete(call.key);
  };

  /** Calls in flight now (for tests and metrics). */
  get size(): number {
    return this.calls.size;
  }

  /**
   * `send(abandon)` unless the same GET is already in flight, in which case its answer is shared;
   * `abandon` (none for a caller that cannot be cancelled) says when the call was abandoned (see
   * above). A caller already cancelled gets a call of its own, which fails before sending anything.
   */
  run(route: EndpointRoute, built: BuiltRequest, ctx: CallContext, send: (abandon: CallAbandon | undefined) => Promise<T>): Promise<T> {
    const cancel = ctx.cancel;
    if (cancel?.cancelled === true) return send(ALREADY_ABANDONED);
    const key = shareKey(route, built);
    const call = this.calls.get(key);
    if (call === undefined) {
      const started = new SharedCall<T>(key, this.forget);
      this.calls.set(key, started);
      started.join(cancel);
      started.answer = send(cancel === undefined ? undefined : started);
      const settle = (): void => started.settle();
      started.answer.then(settle, settle);
      return started.answer;
    }
    ctx.onShared?.();
    call.join(cancel);
    return call.answer;
  }
}

/**
 * Everything that can change the answer: the path with its query, then every header but the
 * request id (the auth header, forwarded ones). Static headers are the same for every call of a
 * route, so they are part of the route; only per-call ones are read.
 */
function shareKey(route: EndpointRoute, built: BuiltRequest): string {
  let key = built.path;
  if (route.forwardAuth) key += `\n${built.headers['authorization'] ?? ''}`;
  for (const name of route.forwardHeaders) key += `\n${built.headers[name] ?? ''}`;
  return key;
}
