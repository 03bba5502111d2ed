/**
 * The GraphQL context of one operation: its call context for the upstream client, its cost meter,
 * a metered client and its own loaders. Made per request by the server, never shared.
 */
import type { Metrics } from '../metrics/create-metrics.js';
import type { OperationTrace } from '../telemetry/types.js';
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
  /** The operation's span, when tracing is on. */
  readonly trace: OperationTrace | undefined;
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
  /** The server's metrics, when they are on: the call hooks count into them too. */
  readonly metrics?: Metrics | undefined;
  /** The operation's span when tracing is on: each REST call becomes a child span. */
  readonly trace?: OperationTrace | undefined;
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
    cache: options.cache ?? 'default',
    onCacheHit:
      options.metrics === undefined
        ? (kind, fetchedAt) => meter.recordCacheHit(kind, fetchedAt)
        : (kind, fetchedAt, endpoint) => {
            meter.recordCacheHit(kind, fetchedAt);
            options.metrics?.cacheHit(kind, endpoint);
          },
    onCacheMiss: options.metrics === undefined ? undefined : (endpoint) => options.metrics?.cacheMiss(endpoint),
    onServed: (freshUntil, personal) => meter.recordServed(freshUntil, personal),
    traceparent: options.trace?.traceparent,
    ...callHooks(meter, options.metrics, options.trace),
  };
  const client = createMeteredClient(options.client, meter);
  return { requestId: options.requestId, call, meter, client, loaders: createLoaders(client, options.index, call), trace: options.trace };
}

type CallHooks = Pick<CallContext, 'onCall' | 'onShared' | 'onWait'>;

/** The call hooks: the meter always; metrics and the span only when they are on (the common path stays two closures). */
function callHooks(meter: CostMeter, metrics: Metrics | undefined, trace: OperationTrace | undefined): CallHooks {
  if (metrics === undefined && trace === undefined) return { onCall: () => meter.recordSent(), onShared: () => meter.recordShared() };
  return {
    onCall(call) {
      meter.recordSent();
      metrics?.restCall(call);
      trace?.restCall(call);
    },
    onShared() {
      meter.recordShared();
      metrics?.sharedCall();
    },
    onWait: metrics === undefined ? undefined : (resource, ms) => metrics.waited(resource, ms),
  };
}
