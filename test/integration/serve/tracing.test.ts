/**
 * OpenTelemetry traces exported over OTLP/HTTP to a real receiver on loopback: a span per operation
 * (child of the client's traceparent), a child span per REST call, the traceparent sent upstream,
 * sampling, and nothing a client chose (ids, query-string values, headers) in any span.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../../support/start-otlp-receiver.js';
import { startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await stack?.close();
  await receiver?.close();
  stack = undefined;
  receiver = undefined;
});

const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN = 'b7ad6b7169203331';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0([01])$/;

async function tracedStack(otlp: OtlpReceiver, sampleRatio: number): Promise<Stack> {
  return startStack({ config: (config) => ({ ...config, telemetry: { tracing: { otlpEndpoint: otlp.url, sampleRatio } } }) });
}

describe('tracing', () => {
  it('exports an operation span under the client trace, with a child span per REST call', async () => {
    receiver = await startOtlpReceiver();
    stack = await tracedStack(receiver, 1);
    const query = 'query Two { partner(id: "7") { name } countries(limit: 1) { items { id } } }';
    const response = await stack.gql(query, {}, { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` });
    expect(response.body.errors).toBeUndefined();
    const calls = stack.calls();
    expect(calls).toHaveLength(2);
    await stack.close();
    stack = undefined;

    const operation = receiver.spans.filter((span) => span.kind === 2);
    expect(operation).toHaveLength(1);
    const op = operation[0];
    expect(op).toMatchObject({
      traceId: CLIENT_TRACE,
      parentSpanId: CLIENT_SPAN,
      name: 'query Two',
      serviceName: 'bjet-graphql',
      attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'Two', 'bjet.rest_calls': 2, 'bjet.shared_calls': 0 },
    });
    const rest = receiver.spans.filter((span) => span.kind === 3).sort((a, b) => a.name.localeCompare(b.name));
    expect(rest.map((span) => span.name)).toEqual(['GET /countries', 'GET /partners/{id}']);
    for (const span of rest) {
      expect(span.traceId).toBe(CLIENT_TRACE);
      expect(span.parentSpanId).toBe(op?.spanId);
      expect(span.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'http.request.resend_count': 0 });
    }
    expect(rest[1]?.attributes).toMatchObject({ 'url.template': '/partners/{id}', 'bjet.endpoint': 'partners' });
    expect(receiver.spans).toHaveLength(3);
    // Upstream got the operation span's context with every call, beside X-Request-ID.
    for (const call of calls) {
      expect(call.traceparent).toBe(`00-${CLIENT_TRACE}-${op?.spanId ?? ''}-01`);
      expect(call.requestId).not.toBeNull();
    }
    const exported = receiver.bodies.join('\n');
    for (const secret of ['/partners/7', '"7"', 'limit', 'demo-token', 'Bearer', 'authorization']) expect(exported).not.toContain(secret);
  });

  it('records no new trace at sampleRatio 0 but follows a sampled client trace, and sends traceparent either way', async () => {
    receiver = await startOtlpReceiver();
    stack = await tracedStack(receiver, 0);
    expect((await stack.gql('{ countries(limit: 1) { items { id } } }')).body.errors).toBeUndefined();
    const unsampled = TRACEPARENT.exec(stack.calls()[0]?.traceparent ?? '');
    expect(unsampled?.[3]).toBe('0');
    await stack.gql('query Followed { countries(limit: 1) { items { id } } }', {}, { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` });
    await stack.close();
    stack = undefined;
    expect(receiver.spans.map((span) => span.name).sort()).toEqual(['GET /countries', 'query Followed']);
    expect(new Set(receiver.spans.map((span) => span.traceId))).toEqual(new Set([CLIENT_TRACE]));
  });

  it('marks a failed operation and its failed call as errors', async () => {
    receiver = await startOtlpReceiver();
    stack = await tracedStack(receiver, 1);
    stack.simulator.addFault('countries', { kind: 'status-500', count: 1 });
    expect((await stack.gql('{ countries(limit: 1) { items { id } } }')).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    await stack.close();
    stack = undefined;
    const [op] = receiver.spans.filter((span) => span.kind === 2);
    expect(op).toMatchObject({ name: 'query (anonymous)', status: { code: 2 }, attributes: { 'error.type': 'UPSTREAM_ERROR', 'bjet.rest_calls': 1 } });
    const [rest] = receiver.spans.filter((span) => span.kind === 3);
    expect(rest).toMatchObject({ status: { code: 2 }, attributes: { 'http.response.status_code': 500 } });
  });

  it('sends no traceparent upstream and loads nothing when tracing is off', async () => {
    stack = await startStack();
    await stack.gql('{ countries(limit: 1) { items { id } } }', {}, { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` });
    expect(stack.calls()[0]?.traceparent).toBeNull();
  });
});
