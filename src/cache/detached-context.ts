/**
 * The context of cache work no operation waits on (a refresh, a sweep page): the triggering
 * operation's request id, credential and forwarded headers (they decide the partition and what is
 * sent), its own deadline and priority, and none of the operation's callbacks or cancellation.
 */
import type { CallContext } from '../upstream/types.js';

export function detachedContext(trigger: CallContext, deadline: number, priority: 'foreground' | 'background'): CallContext {
  return {
    requestId: trigger.requestId,
    deadline,
    authorization: trigger.authorization,
    forwardedHeaders: trigger.forwardedHeaders ?? {},
    priority,
  };
}
