/**
 * The drift test the server relies on: the committed schema/ is exactly what introspecting the
 * simulator with the demo config produces, with a REST call count fixed by the dataset sizes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoConfig, DEMO_CONFIG_FILE } from '../../../src/config/build-demo-config.js';
import { introspectUpstream, type IntrospectionOutput } from '../../../src/pipeline/introspect-upstream.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';
import type { UpstreamClient } from '../../../src/upstream/types.js';
import { startSimulator } from '../../support/simulator.js';

const SCHEMA_DIR = path.join(path.dirname(DEMO_CONFIG_FILE), 'schema');

let simulator: Simulator;
let client: UpstreamClient;
let output: IntrospectionOutput;
let progress: string[];

beforeAll(async () => {
  simulator = await startSimulator({ switches: { inFilter: true } });
  const config = buildDemoConfig(simulator.baseUrl);
  client = createUpstreamClient(config);
  progress = [];
  output = await introspectUpstream(config, client, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
});

afterAll(async () => {
  await client?.close();
  await simulator?.close();
});

describe('introspecting the simulator with the demo config', () => {
  it('gives exactly the committed schema/schema.graphql and schema/model.json', () => {
    expect(output.sdl).toBe(readFileSync(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8'));
    expect(output.modelJson).toBe(readFileSync(path.join(SCHEMA_DIR, 'model.json'), 'utf8'));
    expect(output.warnings).toEqual([]);
  });

  it('makes one list call per page, stopping at the first short page, GET only', () => {
    const pageSize = 100;
    const expected = simulator.describe().reduce((sum, endpoint) => sum + Math.min(3, Math.floor(endpoint.count / pageSize) + 1), 0);
    expect(simulator.records).toHaveLength(expected);
    expect(simulator.records.every((record) => record.method === 'GET' && record.status === 200 && record.query['limit'] === '100')).toBe(true);
    expect(progress).toEqual(['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
  });

  it('is a subgraph @apollo/subgraph accepts, with an entity per endpoint', () => {
    const schema = buildSubgraphSchema({ typeDefs: parse(output.sdl) });
    const entity = schema.getType('_Entity');
    expect(entity).toBeDefined();
    expect(output.sdl.match(/@key\(fields: "/g)).toHaveLength(8);
    expect(output.sdl).toContain('type Product @key(fields: "defaultCode") @cost(weight: 0) {');
  });
});
