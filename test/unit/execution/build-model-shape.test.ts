/**
 * The drift check is only as good as its two readings agreeing on a sound schema/: for every model
 * fixture, the members the model implies are exactly the members of the SDL generated from it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildModelShape } from '../../../src/execution/build-model-shape.js';
import { readSdlShape } from '../../../src/execution/read-sdl-shape.js';
import { buildSdlDocument } from '../../../src/generation/build-sdl-document.js';
import { printSdl } from '../../../src/generation/print-sdl.js';
import { parseSourceModel } from '../../../src/model/parse-source-model.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const MODELS = ['samples/odoo-values', 'samples/no-samples', 'samples/many2one-always-set'];

function loadModel(name: string) {
  const file = path.join(FIXTURES, `${name}.model.json`);
  return parseSourceModel(JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('buildModelShape', () => {
  it.each(MODELS)('%s implies exactly the members of the SDL printed from it', (name) => {
    const model = loadModel(name);
    const sdl = readSdlShape(parse(printSdl(buildSdlDocument(model)))).members;
    expect(Object.fromEntries(buildModelShape(model.endpoints))).toEqual(Object.fromEntries(sdl));
  });

  it('names root fields, arguments, inputs, enum values and keys with their types', () => {
    const shape = buildModelShape(loadModel('samples/odoo-values').endpoints);
    expect(shape.get('Query.resPartners(filter:)')).toBe('ResPartnerFilter');
    expect(shape.get('Mutation.createResPartner(input:)')).toBe('CreateResPartnerInput');
    expect(shape.get('Mutation.deleteResPartner')).toBe('ID');
    expect(shape.get('CreateResPartnerInput.countryId')).toBe('ID');
    expect(shape.get('ResPartner @key')).toBe('id');
    expect([...shape].filter(([, type]) => type === 'enum value').map(([member]) => member)).toContain('ResPartnerState.DRAFT');
  });
});
