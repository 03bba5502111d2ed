/** `model.json`'s text: keys sorted at every level, 2-space indent, trailing newline. */
import type { SourceModel } from '../model/source-model.js';

export function printModelJson(model: SourceModel): string {
  return `${JSON.stringify(sortKeys(model), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
  }
  return value;
}
