import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSchemaArtifacts } from '../../../src/generation/load-schema-artifacts.js';
import { printModelJson } from '../../../src/generation/print-model-json.js';
import { writeSchemaArtifacts } from '../../../src/generation/write-schema-artifacts.js';
import type { SourceModel } from '../../../src/model/source-model.js';

const MODEL: SourceModel = {
  version: 1,
  endpoints: [
    {
      endpoint: 'tags',
      typeName: 'Tag',
      listField: 'tags',
      singleField: 'tag',
      idKey: 'id',
      methods: ['GET'],
      filters: [],
      idListFilter: null,
      maxPageSize: 100,
      fields: [{ key: 'id', name: 'id', list: false, nullable: false, value: { kind: 'scalar', scalar: 'ID' } }],
      sampled: 1,
    },
  ],
};

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bjet-schema-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('schema artifacts', () => {
  it('prints model.json with sorted keys, two spaces and a trailing newline', () => {
    const text = printModelJson(MODEL);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "endpoints": [');
    expect(text.indexOf('"endpoint"')).toBeLessThan(text.indexOf('"fields"'));
    expect(text.indexOf('"fields"')).toBeLessThan(text.indexOf('"typeName"'));
  });

  it('writes only the files whose content changed', async () => {
    const artifacts = { sdl: '# sdl\n', modelJson: printModelJson(MODEL) };
    expect((await writeSchemaArtifacts(dir, artifacts)).map((file) => path.basename(file))).toEqual(['schema.graphql', 'model.json']);
    const before = (await stat(path.join(dir, 'model.json'))).mtimeMs;
    expect(await writeSchemaArtifacts(dir, artifacts)).toEqual([]);
    expect(await writeSchemaArtifacts(dir, { ...artifacts, sdl: '# other\n' })).toEqual([path.join(dir, 'schema.graphql')]);
    expect((await stat(path.join(dir, 'model.json'))).mtimeMs).toBe(before);
    expect(await readFile(path.join(dir, 'schema.graphql'), 'utf8')).toBe('# other\n');
  });

  it('loads what it wrote', async () => {
    await writeSchemaArtifacts(dir, { sdl: '# sdl\n', modelJson: printModelJson(MODEL) });
    expect(await loadSchemaArtifacts(dir)).toEqual({ sdl: '# sdl\n', model: MODEL });
  });

  it('rejects a model of another version or shape, and missing files', async () => {
    await expect(loadSchemaArtifacts(dir)).rejects.toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringContaining('does not exist') });
    await writeSchemaArtifacts(dir, { sdl: '# sdl\n', modelJson: JSON.stringify({ ...MODEL, version: 2 }) });
    await expect(loadSchemaArtifacts(dir)).rejects.toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringContaining('version') });
    await writeFile(path.join(dir, 'model.json'), JSON.stringify({ version: 1, endpoints: [{ endpoint: 'x' }] }));
    await expect(loadSchemaArtifacts(dir)).rejects.toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringContaining('endpoints.0.typeName') });
    await writeFile(path.join(dir, 'model.json'), '{');
    await expect(loadSchemaArtifacts(dir)).rejects.toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringContaining('not valid JSON') });
  });
});
