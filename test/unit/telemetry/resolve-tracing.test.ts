import { describe, expect, it } from 'vitest';
import { resolveTracing, startTracing } from '../../../src/telemetry/resolve-tracing.js';

const OFF = { otlpEndpoint: null, sampleRatio: 1 };
const ON = { otlpEndpoint: 'http://collector:4318/', sampleRatio: 0.5 };

describe('resolveTracing', () => {
  it('is off unless the config or OTEL_EXPORTER_OTLP_* name a collector', async () => {
    expect(resolveTracing(OFF, {})).toBeNull();
    expect(await startTracing(null)).toBeNull();
    expect(resolveTracing(ON, {})).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', sampleRatio: 0.5, serviceName: 'bjet-graphql' });
    expect(resolveTracing(OFF, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' })?.tracesUrl).toBe('http://otel:4318/v1/traces');
  });

  it('lets the OTEL_* variables win over the config, and OTEL_SDK_DISABLED turn it off', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/custom',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:1',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
      OTEL_SERVICE_NAME: 'orders-graph',
    };
    expect(resolveTracing(ON, env)).toEqual({ tracesUrl: 'http://otel:4318/custom', sampleRatio: 0.1, serviceName: 'orders-graph' });
    expect(resolveTracing(ON, { OTEL_SDK_DISABLED: 'true' })).toBeNull();
  });

  it('refuses a sampler argument that is no ratio', () => {
    expect(() => resolveTracing(ON, { OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
