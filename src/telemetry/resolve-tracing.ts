/**
 * Whether and where to trace: the config's `telemetry.tracing`, with the standard OpenTelemetry
 * environment variables over it (OTEL_SDK_DISABLED, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
 * OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_TRACES_SAMPLER_ARG, OTEL_SERVICE_NAME). Null = tracing off.
 */
import type { TracingConfig } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';
import type { Tracing, TracingSettings } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

function tracesUrlOf(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function ratioOf(env: Env, configured: number): number {
  const text = set(env['OTEL_TRACES_SAMPLER_ARG']);
  if (text === undefined) return configured;
  const ratio = Number(text);
  if (!(ratio >= 0 && ratio <= 1)) throw new BjetError('CONFIG_INVALID', `OTEL_TRACES_SAMPLER_ARG="${text}" is not a ratio from 0 to 1`);
  return ratio;
}

export function resolveTracing(config: TracingConfig, env: Env): TracingSettings | null {
  if (set(env['OTEL_SDK_DISABLED'])?.toLowerCase() === 'true') return null;
  const fullUrl = set(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  const base = set(env['OTEL_EXPORTER_OTLP_ENDPOINT']) ?? config.otlpEndpoint ?? undefined;
  const tracesUrl = fullUrl ?? (base === undefined ? undefined : tracesUrlOf(base));
  if (tracesUrl === undefined) return null;
  return { tracesUrl, sampleRatio: ratioOf(env, config.sampleRatio), serviceName: set(env['OTEL_SERVICE_NAME']) ?? 'bjet-graphql' };
}

/** The SDK, imported only now: with tracing off none of it is loaded. */
export async function startTracing(settings: TracingSettings | null): Promise<Tracing | null> {
  if (settings === null) return null;
  const { createOtelTracing } = await import('./create-otel-tracing.js');
  return createOtelTracing(settings);
}
