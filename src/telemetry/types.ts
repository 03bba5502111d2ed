/**
 * Tracing as the server sees it: plain interfaces with no OpenTelemetry import, so that nothing of
 * the SDK loads unless tracing is on (start-tracing.ts imports it then).
 */
import type { CallRecord } from '../upstream/types.js';

export interface OperationSummary {
  readonly operationName: string | null;
  /** `query`, `mutation`, or `unknown` when it did not parse or validate. */
  readonly operationType: string;
  readonly restCalls: number;
  readonly sharedCalls: number;
  /** The first error's code, or null when it succeeded. */
  readonly errorCode: string | null;
}

/** The span of one GraphQL operation. */
export interface OperationTrace {
  /** W3C `traceparent` of this span, sent upstream with every REST call of the operation. */
  readonly traceparent: string;
  /** One REST call, ended: a child span with its timing (the client's `onCall`). */
  restCall(call: CallRecord): void;
  end(summary: OperationSummary): void;
}

export interface Tracing {
  /** Starts an operation's span, as a child of the client's `traceparent` when it sent a valid one. */
  startOperation(traceparent: string | undefined): OperationTrace;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export interface TracingSettings {
  /** Where spans go: the full OTLP/HTTP traces URL. */
  readonly tracesUrl: string;
  readonly sampleRatio: number;
  readonly serviceName: string;
}
