/** The identifier of a record as the URL `{id}` and the cache key use it (its string form), or null when absent. */
export function identifierOf(record: Readonly<Record<string, unknown>>, idKey: string): string | null {
  const value = record[idKey];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
