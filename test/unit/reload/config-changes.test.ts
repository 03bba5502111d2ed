import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import { listConfigChanges } from '../../../src/reload/list-config-changes.js';
import { findRestartOnlyChanges, RESTART_ONLY_KEYS } from '../../../src/reload/restart-only-keys.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

const { config } = loadServeFixture();
const withServer = (changes: Partial<Config['server']>): Config => ({ ...config, server: { ...config.server, ...changes } });

describe('findRestartOnlyChanges', () => {
  it('names each restart-only key that changed, in table order', () => {
    const next: Config = { ...withServer({ port: 4999, host: '0.0.0.0' }), upstream: { ...config.upstream, credentialKeySecret: 'another-secret' } };
    expect(findRestartOnlyChanges(config, next)).toEqual(['server.host', 'server.port', 'upstream.credentialKeySecret']);
  });

  it('finds nothing for keys a reload applies', () => {
    const next: Config = { ...withServer({ budget: 7, costInExtensions: true }), endpoints: config.endpoints.slice(1), schemaDir: '/elsewhere' };
    expect(findRestartOnlyChanges(config, next)).toEqual([]);
    // The cache off, or on again: a new store, no restart.
    expect(findRestartOnlyChanges(config, { ...config, upstream: { ...config.upstream, cache: null } })).toEqual([]);
  });

  it('covers the listening address, Redis, metrics and telemetry', () => {
    expect([...RESTART_ONLY_KEYS.keys()]).toEqual(expect.arrayContaining(['server.port', 'server.host', 'redis', 'server.metricsPort', 'telemetry']));
  });
});

describe('listConfigChanges', () => {
  it('names changed keys one level into server and upstream, and whole sections elsewhere', () => {
    const next: Config = {
      ...withServer({ budget: 7 }),
      upstream: { ...config.upstream, concurrency: config.upstream.concurrency + 1 },
      endpoints: config.endpoints.slice(1),
    };
    expect(listConfigChanges(config, next)).toEqual(['endpoints', 'server.budget', 'upstream.concurrency']);
  });

  it('an identical config, even from another file, changed nothing', () => {
    expect(listConfigChanges(config, { ...config, source: '/other/file.yaml' })).toEqual([]);
  });

  it('never carries a value', () => {
    const next: Config = { ...config, upstream: { ...config.upstream, auth: { type: 'bearer', token: 'sekret-token' } } };
    expect(JSON.stringify(listConfigChanges(config, next))).not.toContain('sekret');
    expect(listConfigChanges(config, next)).toEqual(['upstream.auth']);
  });
});
