/**
 * The GraphQL context of one operation: its call context for the upstream client, its cost meter,
 * a metered client and its own loaders. Made per request by the server, never shared.
 */
import type { OperationCancel } from '../upstream/operation-cancel.js';
import type { CallContext, UpstreamClient } from '../upstream/types.js';
import type { TypeIndex } from './build-type-index.js';
import { createCostMeter, type CostMeter } from './cost-meter.js';
import { createLoaders, type Loaders } from './create-loaders.js';
import { createMeteredClient } from './create-metered-client.js';

export interface ExecutionContext {
  readonly requestId: string;
  readonly call: CallContext;
  readonly meter: CostMeter;
  /** Every REST call of the operation goes through this client, which charges the meter. */
  readonly client: UpstreamClient;
  readonly loaders: Loaders;
}

export interface ExecutionContextOptions {
  readonly client: UpstreamClient;
  readonly index: TypeIndex;
  readonly requestId: string;
  readonly budget: number;
  readonly deadlineMs: number;
  /** The GraphQL request's own `Authorization` header, for `forward` auth only. */
  readonly authorization?: string | undefined;
  readonly forwardedHeaders?: Readonly<Record<string, string>>;
  /** Cancels the operation's GETs (the client went away). */
  readonly cancel?: OperationCancel;
  /** `no-cache`: the client asked for fresh data (`Cache-Control: no-cache`). */
  readonly cache?: 'default' | 'no-cache';
  /** Epoch-ms clock of the deadline (default `Date.now`). */
  readonly now?: () => number;
}

export function createExecutionContext(options: ExecutionContextOptions): ExecutionContext {
  const meter = createCostMeter(options.budget);
  const call: CallContext = {
    requestId: options.requestId,
    deadline: (options.now ?? Date.now)() + options.deadlineMs,
    authorization: options.authorization,
    forwardedHeaders: options.forwardedHeaders ?? {},
    cancel: options.cancel,
    onCall: () => meter.recordSent(),
    onShared: () => meter.recordShared(),
    cache: options.cache ?? 'default',
    onCacheHit: (kind, fetchedAt) => meter.recordCacheHit(kind, fetchedAt),
    onServed: (freshUntil, personal) => meter.recordServed(freshUntil, personal),
  };
  const client = createMeteredClient(options.client, meter);
  return { requestId: options.requestId, call, meter, client, loaders: createLoaders(client, options.index, call) };
}
