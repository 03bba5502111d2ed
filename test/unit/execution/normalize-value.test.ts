import { describe, expect, it } from 'vitest';
import type { FieldModel, ValueModel } from '../../../src/model/source-model.js';
import { buildNormalizer, toIsoDateTime } from '../../../src/execution/normalize-value.js';

const field = (value: ValueModel, list = false): FieldModel => ({ key: 'k', name: 'k', list, nullable: true, value });

describe('toIsoDateTime', () => {
  it('turns Odoo UTC datetimes into ISO-8601 with Z', () => {
    expect(toIsoDateTime('2024-03-01 09:30:00')).toBe('2024-03-01T09:30:00Z');
    expect(toIsoDateTime('2024-03-01 09:30:00.123')).toBe('2024-03-01T09:30:00.123Z');
  });

  it('leaves other text alone', () => {
    expect(toIsoDateTime('2024-03-01T09:30:00+02:00')).toBe('2024-03-01T09:30:00+02:00');
    expect(toIsoDateTime('yesterday')).toBe('yesterday');
  });
});

describe('buildNormalizer', () => {
  it('maps false to null for non-Boolean fields', () => {
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'String' }))(false)).toBeNull();
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'Int' }))(false)).toBeNull();
    expect(buildNormalizer(field({ kind: 'enum', enumName: 'E', values: [{ name: 'A', key: 'a' }] }))(false)).toBeNull();
    expect(buildNormalizer(field({ kind: 'object', typeName: 'T', fields: [] }))(false)).toBeNull();
  });

  it('keeps false for Booleans and maps a missing key to null', () => {
    const boolean = buildNormalizer(field({ kind: 'scalar', scalar: 'Boolean' }));
    expect(boolean(false)).toBe(false);
    expect(boolean(undefined)).toBeNull();
  });

  it('converts datetimes and keeps other values', () => {
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'DateTime' }))('2024-01-02 03:04:05')).toBe('2024-01-02T03:04:05Z');
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'Date' }))('2024-01-02')).toBe('2024-01-02');
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'Float' }))(0)).toBe(0);
    expect(buildNormalizer(field({ kind: 'scalar', scalar: 'String' }))('')).toBe('');
  });

  it('normalizes each element of a list', () => {
    const list = buildNormalizer(field({ kind: 'scalar', scalar: 'DateTime' }, true));
    expect(list(['2024-01-02 03:04:05', false])).toEqual(['2024-01-02T03:04:05Z', null]);
    expect(list(false)).toBeNull();
  });
});
