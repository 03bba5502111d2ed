/** Loads an inference case from test/fixtures/samples: endpoints config, records, expected output beside it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../../src/config/parse-config.js';
import type { Config } from '../../../src/config/types.js';
import type { UpstreamRecord } from '../../../src/upstream/types.js';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../fixtures/samples');

export interface SampleCase {
  readonly name: string;
  readonly config: Config;
  readonly records: Readonly<Record<string, readonly UpstreamRecord[]>>;
  /** Expected SourceModel, or expected issues, whichever file exists. */
  readonly expectedModel: unknown;
  readonly expectedIssues: unknown;
}

export function listSampleCases(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.json') && !/\.(model|issues)\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''));
}

export function loadSampleCase(name: string): SampleCase {
  const input = readJson(path.join(SAMPLES_DIR, `${name}.json`)) as { endpoints: unknown; records: Record<string, UpstreamRecord[]> };
  const config = parseConfig({ upstream: { baseUrl: 'http://127.0.0.1:1/v1' }, endpoints: input.endpoints }, { source: null, env: {}, baseDir: '/' });
  const optional = (suffix: string): unknown => {
    const file = path.join(SAMPLES_DIR, `${name}.${suffix}.json`);
    return existsSync(file) ? readJson(file) : undefined;
  };
  return { name, config, records: input.records, expectedModel: optional('model'), expectedIssues: optional('issues') };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
