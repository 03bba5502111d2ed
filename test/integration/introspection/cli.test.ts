/**
 * The built CLI (`npm test` builds first): `introspect` against a running simulator writes the schema,
 * `check` passes right after it and fails with a breaking diff once schema/ no longer matches.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE } from '../../../src/config/build-demo-config.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';

const ROOT = path.dirname(DEMO_CONFIG_FILE);
const BIN = path.join(ROOT, 'bin', 'bjet-graphql.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let simulator: Simulator;
let dir = '';
let configFile = '';

async function cli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, BJET_BASE_URL: simulator.baseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  simulator = await startSimulator({ switches: { inFilter: true } });
  dir = await mkdtemp(path.join(tmpdir(), 'bjet-cli-'));
  configFile = path.join(dir, 'bjet-graphql.config.yaml');
  await copyFile(DEMO_CONFIG_FILE, configFile);
});

afterAll(async () => {
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('bjet-graphql introspect, check, print-sdl', () => {
  it('introspect writes the committed schema, with a progress line per page when not a TTY', async () => {
    const run = await cli('introspect', '--config', configFile);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('introspect: partners page 1: 100 records\n');
    expect(run.stderr).toContain('introspect: countries page 1: 40 records\nintrospect: countries done (');
    expect(run.stderr.split('\n').filter((line) => / done \(\d of 8 endpoints\)$/.test(line))).toHaveLength(8);
    expect(run.stdout).toMatch(/^introspected 8 endpoints \(\d+ records\): wrote schema\/schema\.graphql, schema\/model\.json\n$/);
    for (const file of ['schema.graphql', 'model.json']) {
      expect(await readFile(path.join(dir, 'schema', file), 'utf8')).toBe(await readFile(path.join(ROOT, 'schema', file), 'utf8'));
    }
  });

  it('check exits 0 right after introspect, and print-sdl prints the SDL', async () => {
    expect(await cli('check', '--config', configFile)).toMatchObject({ code: 0, stdout: 'schema is current\n' });
    const printed = await cli('print-sdl', '--config', configFile);
    expect(printed.stdout).toBe(await readFile(path.join(dir, 'schema', 'schema.graphql'), 'utf8'));
  });

  it('check exits 1 when only a name in model.json was edited (a mutation renamed)', async () => {
    const modelFile = path.join(dir, 'schema', 'model.json');
    const text = await readFile(modelFile, 'utf8');
    await writeFile(modelFile, text.replace('"field": "createPartner"', '"field": "addPartner"'));
    const run = await cli('check', '--config', configFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'schema drift: 0 change(s), 0 breaking\nmodel.json is not what this version generates from the upstream\nrun `bjet-graphql introspect` to update schema/, then review the diff\n',
    );
    await writeFile(modelFile, text);
  });

  it('check reports root fields that became nullable as breaking, for a schema/ from before', async () => {
    const sdlFile = path.join(dir, 'schema', 'schema.graphql');
    const text = await readFile(sdlFile, 'utf8');
    await writeFile(sdlFile, text.replace(/^( {2}\): \w+Page)( |$)/gm, '$1!$2'));
    const run = await cli('check', '--config', configFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^schema drift: 8 change\(s\), 8 breaking\n/);
    expect(run.stdout).toContain(
      '  Query.partners: root field `Query.partners` changed from `PartnerPage!` to `PartnerPage`: now nullable, clients must handle null (the field is null when its endpoint fails)\n',
    );
    expect(run.stdout).toContain('schema.graphql is not what this version generates from the upstream\n');
    await writeFile(sdlFile, text);
  });

  it('check exits 1 with a classified diff when schema/ no longer matches the upstream', async () => {
    const modelFile = path.join(dir, 'schema', 'model.json');
    const model = JSON.parse(await readFile(modelFile, 'utf8')) as { endpoints: { endpoint: string; fields: { key: string }[] }[] };
    const partners = model.endpoints.find((endpoint) => endpoint.endpoint === 'partners');
    partners?.fields.push({ ...partners.fields[0]!, key: 'fax', name: 'fax' } as { key: string });
    await writeFile(modelFile, JSON.stringify(model));
    const run = await cli('check', '--config', configFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('breaking (1):\n  partners.fax: field `Partner.fax` removed (the upstream no longer sends key `fax`)\n');
  });

  it('reports a bad option and a missing config as usage and config errors', async () => {
    expect((await cli('introspect', '--bogus')).code).toBe(2);
    const missing = await cli('check', '--config', path.join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CONFIG_INVALID');
  });
});
