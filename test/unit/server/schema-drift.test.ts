/**
 * `schema/` edited by hand (or half regenerated) never starts: each case copies the committed
 * schema/ to a temp dir, renames one name in the SDL or in model.json, loads it as `serve` does and
 * expects createServer to refuse with SCHEMA_DRIFT naming the member and the fix.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoConfig, DEMO_CONFIG_FILE } from '../../../src/config/build-demo-config.js';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { loadSchemaArtifacts } from '../../../src/model/load-schema-artifacts.js';
import { createServer } from '../../../src/server/create-server.js';

const SCHEMA_DIR = path.join(path.dirname(DEMO_CONFIG_FILE), 'schema');
// Nothing listens there: a refused start makes no call, and the control case makes none either.
const config = buildDemoConfig('http://127.0.0.1:9/bj_api_sync/v1');

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-drift-'));
  await cp(SCHEMA_DIR, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Replaces `from` by `to` in one file of the copy; the text must be there exactly `count` times. */
async function edit(file: 'schema.graphql' | 'model.json', from: RegExp, to: string, count: number): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, 'utf8');
  expect(text.match(new RegExp(from.source, `${from.flags}g`))).toHaveLength(count);
  await writeFile(full, text.replace(new RegExp(from.source, `${from.flags}g`), to));
}

/** Starts a server on the copy: resolves to the refusal, or to null when it started (then closed). */
async function startOnCopy(): Promise<BjetError | null> {
  const { sdl, model } = await loadSchemaArtifacts(dir);
  try {
    const server = await createServer({ config, sdl, model });
    await server.close();
    return null;
  } catch (error) {
    if (error instanceof BjetError) return error;
    throw error;
  }
}

async function expectDrift(...members: string[]): Promise<void> {
  const error = await startOnCopy();
  expect(error?.code).toBe('SCHEMA_DRIFT');
  expect(error?.details?.['fields']).toEqual(expect.arrayContaining(members));
  for (const member of members) expect(error?.message).toContain(member);
  expect(error?.message).toContain('regenerate both with `bjet-graphql introspect`');
}

describe('serve refuses schema/ whose SDL and model.json disagree', () => {
  it('starts on an unedited copy (the control)', async () => {
    expect(await startOnCopy()).toBeNull();
  });

  it('refuses a mutation renamed in the SDL', async () => {
    await edit('schema.graphql', /\bcreatePartner\(/, 'addPartner(', 1);
    await expectDrift('Mutation.addPartner', 'Mutation.createPartner', 'Mutation.addPartner(input:)');
    const error = await startOnCopy();
    expect(error?.message).toContain('Mutation.addPartner, Mutation.addPartner(input:) are in the SDL but not in model.json');
  });

  it('refuses a mutation renamed in model.json', async () => {
    await edit('model.json', /"field": "createPartner"/, '"field": "addPartner"', 1);
    await expectDrift('Mutation.createPartner', 'Mutation.addPartner');
  });

  it('refuses an input field renamed in the SDL (it would otherwise be dropped from the write)', async () => {
    const text = await readFile(path.join(dir, 'schema.graphql'), 'utf8');
    const start = text.indexOf('input CreatePartnerInput {');
    const block = text.slice(start, text.indexOf('}', start));
    await writeFile(path.join(dir, 'schema.graphql'), text.replace(block, block.replace(/\n {2}city: String\n/, '\n  town: String\n')));
    await expectDrift('CreatePartnerInput.town', 'CreatePartnerInput.city');
  });

  it('refuses an enum value renamed in the SDL', async () => {
    await edit('schema.graphql', /^ {2}DELIVERY$/m, '  SHIPPING', 1);
    await expectDrift('PartnerType.SHIPPING', 'PartnerType.DELIVERY');
  });

  it('refuses an enum value renamed in model.json', async () => {
    await edit('model.json', /"name": "DELIVERY"/, '"name": "SHIPPING"', 1);
    await expectDrift('PartnerType.DELIVERY', 'PartnerType.SHIPPING');
  });

  it('refuses a root query field and an argument renamed in the SDL', async () => {
    await edit('schema.graphql', /^ {2}partners\(/m, '  customers(', 1);
    await expectDrift('Query.customers', 'Query.partners', 'Query.partners(limit:)');
  });

  it('refuses an entity key changed in the SDL', async () => {
    await edit('schema.graphql', /type Partner @key\(fields: "id"\)/, 'type Partner @key(fields: "email")', 1);
    const error = await startOnCopy();
    expect(error?.code).toBe('SCHEMA_DRIFT');
    expect(error?.message).toContain('Partner @key (email in the SDL, id in model.json) is not the same in both');
  });

  it('refuses an argument whose type changed', async () => {
    await edit('schema.graphql', /createPartner\(input: CreatePartnerInput!\)/, 'createPartner(input: UpdatePartnerInput!)', 1);
    const error = await startOnCopy();
    expect(error?.code).toBe('SCHEMA_DRIFT');
    expect(error?.message).toContain(
      'Mutation.createPartner(input:) (UpdatePartnerInput in the SDL, CreatePartnerInput in model.json) is not the same in both',
    );
  });
});
