/**
 * docs/configuration.md's reference tables against the config schema: every key the schema accepts
 * is documented, every documented key exists, and every default written in code font is the value
 * the parsed config holds when the key is left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { configFileSchema } from '../../../src/config/config-file-schema.js';
import { parseConfig } from '../../../src/config/parse-config.js';

const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');

interface Row {
  readonly key: string;
  readonly defaultText: string;
}

function referenceRows(): Row[] {
  const reference = doc.slice(doc.indexOf('## Reference'));
  const section = reference.slice(0, reference.indexOf('\n## ', 1) === -1 ? undefined : reference.indexOf('\n## ', 1));
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const match = /^\| `([^`]+)` \| ([^|]*) \|/.exec(line);
    if (match !== null) rows.push({ key: match[1] ?? '', defaultText: (match[2] ?? '').trim() });
  }
  return rows;
}

/** Dotted keys of the schema: objects are walked, the endpoints record as `endpoints.<name>`, the rest are leaves. */
function schemaKeys(schema: z.ZodType, prefix: string, out: string[]): string[] {
  const def = schema.def as unknown as { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; valueType?: z.ZodType };
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType !== undefined) return schemaKeys(def.innerType, prefix, out);
  if (def.type === 'object' && def.shape !== undefined) {
    for (const [key, value] of Object.entries(def.shape)) schemaKeys(value, prefix === '' ? key : `${prefix}.${key}`, out);
    return out;
  }
  if (def.type === 'record' && def.valueType !== undefined) {
    if (prefix === 'endpoints') return schemaKeys(def.valueType, 'endpoints.<name>', out);
    if (prefix === 'webhooks.endpoints') return schemaKeys(def.valueType, 'webhooks.endpoints.<name>', out);
    if (prefix === 'endpoints.<name>.fields') {
      out.push('endpoints.<name>.fields.<key>');
      return out;
    }
  }
  out.push(prefix);
  return out;
}

/** The parsed value at a documented key, for a config that leaves every optional key out (optional sections present, with their required keys only). */
function parsedDefault(key: string): unknown {
  const config = parseConfig(
    {
      upstream: { baseUrl: 'http://127.0.0.1:8069/bj_api_sync/v1', credentialKeySecret: 'k' },
      endpoints: { partners: {} },
      // The sections that are off unless present, with only their required keys.
      webhooks: { auth: { type: 'bearer', token: 't' } },
      redis: { url: 'redis://127.0.0.1:6379' },
    },
    { source: null, env: {}, baseDir: '/' },
  );
  let value: unknown = config;
  for (const part of key.replace('endpoints.<name>', 'endpoints.0').split('.')) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value;
}

describe('docs/configuration.md reference', () => {
  const rows = referenceRows();
  const documented = rows.map((row) => row.key);
  const accepted = schemaKeys(configFileSchema, '', []);

  it('documents every key the config schema accepts, and only those', () => {
    expect(documented.length).toBeGreaterThan(30);
    expect([...documented].sort()).toEqual([...new Set(accepted)].sort());
  });

  it('gives each key once', () => {
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('states the defaults the parsed config holds', () => {
    let checked = 0;
    for (const row of rows) {
      const literal = /^`([^`]+)`$/.exec(row.defaultText)?.[1];
      if (literal === undefined) continue;
      let expected: unknown;
      try {
        expected = JSON.parse(literal);
      } catch {
        expected = literal; // a bare word such as `id` or `127.0.0.1` is a string default
      }
      expect({ key: row.key, value: parsedDefault(row.key) }).toEqual({ key: row.key, value: expected });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(25);
  });
});
