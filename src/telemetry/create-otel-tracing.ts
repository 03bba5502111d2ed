/**
 * Tracing with the OpenTelemetry SDK: spans batched to an OTLP/HTTP collector (JSON). Parents are
 * passed explicitly (no global context manager, no monkey-patching): an operation's span is a child
 * of the client's `traceparent`, and each REST call a child of the operation's span, made when the
 * call has ended from its recorded timing. Span attributes hold no query-string value, header,
 * variable or id: the path is the template (`/partners/{id}`).
 */
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import type { CallRecord } from '../upstream/types.js';
import type { OperationSummary, OperationTrace, Tracing, TracingSettings } from './types.js';

const w3c = new W3CTraceContextPropagator();
const getter = { get: (carrier: Record<string, string>, key: string) => carrier[key], keys: (carrier: Record<string, string>) => Object.keys(carrier) };
const setter = { set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value) };

function parentOf(traceparent: string | undefined): Context {
  if (traceparent === undefined) return context.active();
  return w3c.extract(context.active(), { traceparent }, getter);
}

function traceparentOf(span: Span): string {
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpan(context.active(), span), carrier, setter);
  return carrier['traceparent'] ?? '';
}

function endOperation(span: Span, summary: OperationSummary): void {
  span.updateName(`${summary.operationType} ${summary.operationName ?? '(anonymous)'}`);
  span.setAttributes({
    'graphql.operation.type': summary.operationType,
    'bjet.rest_calls': summary.restCalls,
    'bjet.shared_calls': summary.sharedCalls,
  });
  if (summary.operationName !== null) span.setAttribute('graphql.operation.name', summary.operationName);
  if (summary.errorCode !== null) {
    span.setAttribute('error.type', summary.errorCode);
    span.setStatus({ code: SpanStatusCode.ERROR, message: summary.errorCode });
  }
  span.end();
}

export function createOtelTracing(settings: TracingSettings): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  const tracer = provider.getTracer('bjet-graphql');
  return {
    startOperation(traceparent) {
      const span = tracer.startSpan('graphql operation', { kind: SpanKind.SERVER }, parentOf(traceparent));
      const parent = trace.setSpan(context.active(), span);
      const operation: OperationTrace = {
        traceparent: traceparentOf(span),
        restCall(call: CallRecord) {
          if (!span.isRecording()) return;
          const ended = Date.now();
          const child = tracer.startSpan(
            `${call.method} ${call.path}`,
            {
              kind: SpanKind.CLIENT,
              startTime: ended - call.durationMs,
              attributes: {
                'http.request.method': call.method,
                'url.template': call.path,
                'bjet.endpoint': call.endpoint,
                'http.request.resend_count': call.attempt - 1,
              },
            },
            parent,
          );
          if (call.status !== null) child.setAttribute('http.response.status_code', call.status);
          if (call.status === null || call.status >= 400) child.setStatus({ code: SpanStatusCode.ERROR });
          child.end(ended);
        },
        end: (summary) => endOperation(span, summary),
      };
      return operation;
    },
    shutdown: () => provider.shutdown(),
  };
}
