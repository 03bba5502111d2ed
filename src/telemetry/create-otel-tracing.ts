/**
 * Tracing with the OpenTelemetry SDK: spans batched to an OTLP/HTTP collector (JSON). Parents are
 * passed explicitly (no global context manager, no monkey-patching): an operation's span is a child
 * of the client's `traceparent`, and each REST call a child of the operation's span, made when the
 * call has ended from its recorded timing. Span attributes hold no query-string value, header,
 * variable or id: the path is the template (`/partners/{id}`).
 */
import { createRequire } from 'node:module';
import type { Span } from '@opentelemetry/api';
import type { CallRecord } from '../upstream/types.js';
import type { OperationSummary, OperationTrace, Tracing, TracingSettings } from './types.js';

type Carrier = Record<string, string>;
const getter = { get: (carrier: Carrier, key: string) => carrier[key], keys: (carrier: Carrier) => Object.keys(carrier) };
const setter = { set: (carrier: Carrier, key: string, value: string) => void (carrier[key] = value) };

/**
 * The packages, loaded only now, with `require`: the CLI bundle keeps them outside (bundled, they
 * would load with every start), and it runs in a vm script, where `import()` of a package fails.
 */
function loadOtel() {
  const require = createRequire(import.meta.url);
  return {
    api: require('@opentelemetry/api') as typeof import('@opentelemetry/api'),
    core: require('@opentelemetry/core') as typeof import('@opentelemetry/core'),
    exporter: require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http'),
    resources: require('@opentelemetry/resources') as typeof import('@opentelemetry/resources'),
    sdk: require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base'),
  };
}

type Otel = ReturnType<typeof loadOtel>;

function endOperation(otel: Otel, span: Span, summary: OperationSummary): void {
  span.updateName(`${summary.operationType} ${summary.operationName ?? '(anonymous)'}`);
  span.setAttributes({
    'graphql.operation.type': summary.operationType,
    'bjet.rest_calls': summary.restCalls,
    'bjet.shared_calls': summary.sharedCalls,
  });
  if (summary.operationName !== null) span.setAttribute('graphql.operation.name', summary.operationName);
  if (summary.errorCode !== null) {
    span.setAttribute('error.type', summary.errorCode);
    span.setStatus({ code: otel.api.SpanStatusCode.ERROR, message: summary.errorCode });
  }
  span.end();
}

function recordCall(otel: Otel, tracer: ReturnType<Otel['api']['trace']['getTracer']>, parent: Span, call: CallRecord): void {
  const { api } = otel;
  const ended = Date.now();
  const attributes = {
    'http.request.method': call.method,
    'url.template': call.path,
    'bjet.endpoint': call.endpoint,
    'http.request.resend_count': call.attempt - 1,
  };
  const child = tracer.startSpan(
    `${call.method} ${call.path}`,
    { kind: api.SpanKind.CLIENT, startTime: ended - call.durationMs, attributes },
    api.trace.setSpan(api.context.active(), parent),
  );
  if (call.status !== null) child.setAttribute('http.response.status_code', call.status);
  if (call.status === null || call.status >= 400) child.setStatus({ code: api.SpanStatusCode.ERROR });
  child.end(ended);
}

export function createOtelTracing(settings: TracingSettings): Tracing {
  const otel = loadOtel();
  const { api, sdk } = otel;
  const provider = new sdk.BasicTracerProvider({
    resource: otel.resources.resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new sdk.BatchSpanProcessor(new otel.exporter.OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  const tracer = provider.getTracer('bjet-graphql');
  const w3c = new otel.core.W3CTraceContextPropagator();
  return {
    startOperation(traceparent) {
      const parent = traceparent === undefined ? api.context.active() : w3c.extract(api.context.active(), { traceparent }, getter);
      const span = tracer.startSpan('graphql operation', { kind: api.SpanKind.SERVER }, parent);
      const carrier: Carrier = {};
      w3c.inject(api.trace.setSpan(api.context.active(), span), carrier, setter);
      const operation: OperationTrace = {
        traceparent: carrier['traceparent'] ?? '',
        restCall: (call) => {
          if (span.isRecording()) recordCall(otel, tracer, span, call);
        },
        end: (summary) => endOperation(otel, span, summary),
      };
      return operation;
    },
    shutdown: () => provider.shutdown(),
  };
}
