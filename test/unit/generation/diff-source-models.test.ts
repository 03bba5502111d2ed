import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.js';
import { diffSourceModels } from '../../../src/generation/diff-source-models.js';
import { printSchemaChanges } from '../../../src/generation/print-schema-changes.js';
import { inferSourceModel } from '../../../src/introspection/infer-source-model.js';
import type { EndpointModel, SourceModel } from '../../../src/model/source-model.js';
import type { UpstreamRecord } from '../../../src/upstream/types.js';

const DRIFT = path.resolve(import.meta.dirname, '../../fixtures/samples/drift');

interface DriftCase {
  readonly records: Record<string, UpstreamRecord[]>;
  readonly changes: unknown;
}

const base = JSON.parse(readFileSync(path.join(DRIFT, 'base.json'), 'utf8')) as { endpoints: unknown; records: Record<string, UpstreamRecord[]> };
const config = parseConfig({ upstream: { baseUrl: 'http://127.0.0.1:1/v1' }, endpoints: base.endpoints }, { source: null, env: {}, baseDir: '/' });
const committed = inferSourceModel(config, base.records).model;

function withEndpoint(model: SourceModel, name: string, change: (endpoint: EndpointModel) => EndpointModel): SourceModel {
  return { ...model, endpoints: model.endpoints.map((endpoint) => (endpoint.endpoint === name ? change(endpoint) : endpoint)) };
}

describe('diffSourceModels over drift fixtures', () => {
  const cases = readdirSync(DRIFT).filter((file) => file !== 'base.json');

  it.each(cases)('%s reports exactly the expected changes', (file) => {
    const drift = JSON.parse(readFileSync(path.join(DRIFT, file), 'utf8')) as DriftCase;
    expect(diffSourceModels(committed, inferSourceModel(config, drift.records).model)).toEqual(drift.changes);
  });
});

describe('diffSourceModels', () => {
  it('classifies enum values, methods and endpoints', () => {
    const after = withEndpoint(committed, 'partners', (endpoint) => ({
      ...endpoint,
      methods: ['GET', 'PUT'],
      fields: endpoint.fields.map((field) =>
        field.key === 'type'
          ? {
              ...field,
              value: {
                kind: 'enum',
                enumName: 'PartnerType',
                values: [
                  { name: 'CONTACT', key: 'contact' },
                  { name: 'DELIVERY', key: 'delivery' },
                ],
              },
            }
          : field,
      ),
    }));
    const changes = diffSourceModels(committed, { ...after, endpoints: after.endpoints.filter((endpoint) => endpoint.endpoint !== 'countries') });
    expect(changes.map((change) => [change.breaking, change.message])).toEqual([
      [true, 'endpoint `countries` removed (type `Country` and its queries gone)'],
      [true, 'method POST no longer allowed (its mutation or queries gone)'],
      [false, 'method PUT now allowed'],
      [true, 'enum value `invoice` of `Partner.type` removed'],
      [false, 'enum value `delivery` of `Partner.type` added'],
    ]);
  });

  it('prints breaking changes first', () => {
    const text = printSchemaChanges([
      { breaking: false, path: 'a.x', message: 'field added' },
      { breaking: true, path: 'a.y', message: 'field removed' },
    ]);
    expect(text).toBe('breaking (1):\n  a.y: field removed\nsafe (1):\n  a.x: field added\n');
  });
});
