import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.js';
import { parseConfigText } from '../../../src/config/read-config.js';
import { BjetError } from '../../../src/errors/bjet-error.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/config');

interface ExpectedIssues {
  readonly env?: Record<string, string>;
  readonly issues: readonly { path: string; message: string }[];
}

function parseFixture(file: string, env: Record<string, string>): ReturnType<typeof parseConfig> {
  const text = readFileSync(file, 'utf8');
  return parseConfig(parseConfigText(text, file), { source: file, env });
}

function caughtError(run: () => unknown): BjetError {
  try {
    run();
  } catch (error) {
    if (error instanceof BjetError) return error;
    throw error;
  }
  throw new Error('expected a BjetError');
}

function valueAt(root: unknown, dotted: string): unknown {
  return dotted.split(/\.|(?=\[)/).reduce<unknown>((value, part) => {
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }, root);
}

describe('parseConfig: invalid fixtures', () => {
  const dir = path.join(FIXTURES, 'invalid');
  const cases = readdirSync(dir).filter((name) => name.endsWith('.yaml'));

  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  it.each(cases)('%s reports exactly the expected issues', (name) => {
    const expected = JSON.parse(readFileSync(path.join(dir, name.replace(/\.yaml$/, '.json')), 'utf8')) as ExpectedIssues;
    const error = caughtError(() => parseFixture(path.join(dir, name), expected.env ?? {}));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details?.['issues']).toEqual(expected.issues);
    for (const issue of expected.issues) expect(error.message).toContain(`${issue.path}: ${issue.message}`);
  });
});

describe('parseConfig: valid fixtures', () => {
  const dir = path.join(FIXTURES, 'valid');
  const cases = readdirSync(dir).filter((name) => !name.endsWith('.expected.json'));

  it.each(cases)('%s parses with its defaults', (name) => {
    const expected = JSON.parse(readFileSync(path.join(dir, name.replace(/\.(yaml|json)$/, '.expected.json')), 'utf8')) as {
      env: Record<string, string>;
      expect: Record<string, unknown>;
    };
    const config = parseFixture(path.join(dir, name), expected.env);
    for (const [dotted, value] of Object.entries(expected.expect)) expect(valueAt(config, dotted), dotted).toEqual(value);
  });
});

describe('parseConfig', () => {
  const minimal = { upstream: { baseUrl: 'http://127.0.0.1:1/v1' }, endpoints: { countries: null } };

  it('freezes the result deeply', () => {
    const config = parseConfig(minimal, { source: null, env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.endpoints[0]?.methods)).toBe(true);
    expect(Object.isFrozen(config.upstream.auth)).toBe(true);
  });

  it('resolves schemaDir against the config file directory', () => {
    const config = parseConfig(minimal, { source: '/etc/bjet/bjet-graphql.config.yaml', env: {} });
    expect(config.schemaDir).toBe('/etc/bjet/schema');
    expect(config.source).toBe('/etc/bjet/bjet-graphql.config.yaml');
  });

  it('lowers a headers timeout above the request timeout to it', () => {
    const server = { requestTimeoutMs: 2000, headersTimeoutMs: 5000, keepAliveTimeoutMs: 100, shutdownGraceMs: 3000 };
    const config = parseConfig({ ...minimal, server }, { source: null, env: {} });
    expect(config.server).toMatchObject({ requestTimeoutMs: 2000, headersTimeoutMs: 2000, keepAliveTimeoutMs: 100, shutdownGraceMs: 3000 });
  });

  it('never prints a secret in an issue', () => {
    const input = { upstream: { baseUrl: '${URL}', auth: { type: 'bearer', token: 12345 } }, endpoints: { a: {} } };
    const error = caughtError(() => parseConfig(input, { source: null, env: { URL: 'http://secret-host:1/${X}' } }));
    expect(error.message).not.toContain('12345');
    expect(error.message).not.toContain('secret-host');
  });

  it('never prints the password of a Redis URL in an issue', () => {
    const input = { upstream: { baseUrl: 'http://127.0.0.1:1/v1' }, endpoints: { a: {} }, redis: { url: 'http://bjet:hunter2@redis:6379' } };
    const error = caughtError(() => parseConfig(input, { source: null, env: {} }));
    expect(error.message).toContain('redis.url');
    expect(error.message).not.toContain('hunter2');
  });

  it('uses the default only when the variable is unset or empty', () => {
    const input = { upstream: { baseUrl: '${URL:-http://127.0.0.1:9/v1}' }, endpoints: { a: {} } };
    expect(parseConfig(input, { source: null, env: {} }).upstream.baseUrl).toBe('http://127.0.0.1:9/v1');
    expect(parseConfig(input, { source: null, env: { URL: '' } }).upstream.baseUrl).toBe('http://127.0.0.1:9/v1');
    expect(parseConfig(input, { source: null, env: { URL: 'http://h:2/x/' } }).upstream.baseUrl).toBe('http://h:2/x');
  });
});
