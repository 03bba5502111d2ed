/**
 * Identical GETs in flight at the same time share one upstream call. Under load many operations
 * ask for the same page or the same related record within the same millisecond (every client of a
 * dashboard, every row of a list pointing at the same country); the upstream answers them all once.
 *
 * Identical means the same path and query and the same credentials and forwarded headers, so one
 * client never sees an answer made for another's credentials. The first caller (the leader) makes
 * the call with its own context: its request id, its deadline (the earliest, as every later caller
 * started later with the same timeout) and its accounting. The others join it: they send nothing,
 * their `onShared` hook is told, and they get the same answer or the same error. A call with its
 * own abort signal is never shared: its abort must not fail the callers that joined it.
 * Writes are never shared: each one is sent exactly once, as asked.
 */
import type { BuiltRequest, EndpointRoute } from './build-request.js';
import type { CallContext } from './types.js';

export class InFlightGets<T> {
  private readonly calls = new Map<string, Promise<T>>();

  /** Calls in flight now (for tests and metrics). */
  get size(): number {
    return this.calls.size;
  }

  /** Runs `send` unless the same GET is already in flight, in which case its answer is shared. */
  run(route: EndpointRoute, built: BuiltRequest, ctx: CallContext, send: () => Promise<T>): Promise<T> {
    if (built.method !== 'GET' || ctx.signal !== undefined) return send();
    const key = shareKey(route, built);
    const pending = this.calls.get(key);
    if (pending !== undefined) {
      ctx.onShared?.();
      return pending;
    }
    const call = send();
    this.calls.set(key, call);
    const forget = (): void => {
      this.calls.delete(key);
    };
    call.then(forget, forget);
    return call;
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
