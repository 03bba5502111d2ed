/** Comparison of a contender's `data` with the expected one (pure). */

/**
 * Deep equality of JSON values, key order ignored. Numbers and numeric strings are equal only under
 * a key named `id`, since an ID serializes as a string in one schema and as an Int in Mesh's.
 */
export function sameAnswer(actual: unknown, expected: unknown, key = ''): boolean {
  if (key === 'id' && (typeof actual === 'number' || typeof actual === 'string')) return String(actual) === String(expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => sameAnswer(actual[i], item));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const expectedKeys = Object.keys(expected);
    if (Object.keys(actual).length !== expectedKeys.length) return false;
    return expectedKeys.every((k) => sameAnswer((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], k));
  }
  return actual === expected;
}

/** The first path where two JSON values differ, for the report. */
export function firstDifference(actual: unknown, expected: unknown, path = 'data'): string {
  if (sameAnswer(actual, expected, path.split('.').pop())) return '';
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const diff = firstDifference((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (diff !== '') return diff;
    }
  }
  return `${path}: got ${JSON.stringify(actual)?.slice(0, 80)}, expected ${JSON.stringify(expected)?.slice(0, 80)}`;
}
