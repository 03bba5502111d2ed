/** Small type guards every stage uses: kept below all of them so none imports another stage for one. */

/** A JSON object (not null, not an array): what the upstream sends as a record. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `code` of a Node system error (`ENOENT`), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error['code'] === 'string' ? error['code'] : undefined;
}

/** The default of an exhaustive `switch`: a new member of the union fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`invariant failed: unexpected ${JSON.stringify(value)}`);
}
