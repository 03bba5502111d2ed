/**
 * What the samples of one key look like, counted by JSON category. Odoo sends `false` for an empty
 * non-Boolean field, so `false` is counted apart from `true` and only `true` proves a Boolean.
 */
import { isRecord } from '../shared/guards.js';

export interface ValueStats {
  /** Records that lack the key. */
  readonly missing: number;
  readonly nulls: number;
  readonly falses: number;
  readonly trues: number;
  readonly integers: readonly number[];
  readonly floats: readonly number[];
  readonly strings: readonly string[];
  readonly objects: readonly Readonly<Record<string, unknown>>[];
  readonly arrays: readonly (readonly unknown[])[];
}

export function collectValueStats(values: readonly unknown[], missing: number): ValueStats {
  const stats = {
    missing,
    nulls: 0,
    falses: 0,
    trues: 0,
    integers: [] as number[],
    floats: [] as number[],
    strings: [] as string[],
    objects: [] as Readonly<Record<string, unknown>>[],
    arrays: [] as (readonly unknown[])[],
  };
  for (const value of values) {
    if (value === null || value === undefined) stats.nulls += 1;
    else if (value === false) stats.falses += 1;
    else if (value === true) stats.trues += 1;
    else if (typeof value === 'number') (isInt32(value) ? stats.integers : stats.floats).push(value);
    else if (typeof value === 'string') stats.strings.push(value);
    else if (Array.isArray(value)) stats.arrays.push(value);
    else if (isRecord(value)) stats.objects.push(value);
  }
  return stats;
}

/** GraphQL's Int is 32-bit: a larger whole number is a Float. */
function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** Categories with at least one non-empty value (`false` and null are empty). */
export function presentCategories(stats: ValueStats): string[] {
  const categories: [string, number][] = [
    ['boolean', stats.trues],
    ['number', stats.integers.length + stats.floats.length],
    ['string', stats.strings.length],
    ['object', stats.objects.length],
    ['array', stats.arrays.length],
  ];
  return categories.filter(([, count]) => count > 0).map(([name]) => name);
}
