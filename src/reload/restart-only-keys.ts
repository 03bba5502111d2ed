/**
 * What a reload may not change (docs/operations.md, "Reload without a restart"): the listening socket, the process's
 * shared connections and names, and what the CLI set up once. A new config that changes one of
 * them is refused as a whole with RELOAD_NEEDS_RESTART, so the running state always is one config
 * file, never a mix of two.
 */
import type { Config } from '../config/types.js';

type Read = (config: Config) => unknown;

export const RESTART_ONLY_KEYS: ReadonlyMap<string, Read> = new Map<string, Read>([
  // The one listening socket lives as long as the process, with its client timeouts.
  ['server.host', (config) => config.server.host],
  ['server.port', (config) => config.server.port],
  ['server.requestTimeoutMs', (config) => config.server.requestTimeoutMs],
  ['server.headersTimeoutMs', (config) => config.server.headersTimeoutMs],
  ['server.keepAliveTimeoutMs', (config) => config.server.keepAliveTimeoutMs],
  // The CLI arms the stop and the logger once.
  ['server.shutdownGraceMs', (config) => config.server.shutdownGraceMs],
  ['server.logLevel', (config) => config.server.logLevel],
  // The registry, its port and the tracer carry counts and spans across generations.
  ['server.metrics', (config) => config.server.metrics],
  ['server.metricsPort', (config) => config.server.metricsPort],
  ['telemetry', (config) => config.telemetry],
  // Redis connections, and the names the replicas share in it.
  ['redis', (config) => config.redis],
  ['server.replicas', (config) => config.server.replicas],
  // A new secret would rename every cache partition and hourly rate-limit key: an empty cache, a reset budget.
  ['upstream.credentialKeySecret', (config) => config.upstream.credentialKeySecret],
]);

/** The restart-only keys whose value differs between the two configs, in table order. */
export function findRestartOnlyChanges(running: Config, next: Config): string[] {
  return [...RESTART_ONLY_KEYS].filter(([, read]) => !sameValue(read(running), read(next))).map(([key]) => key);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
