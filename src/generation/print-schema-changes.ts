/** The readable diff `check` prints: breaking changes first, each with its path. */
import type { SchemaChange } from './diff-fields.js';

export function printSchemaChanges(changes: readonly SchemaChange[]): string {
  if (changes.length === 0) return 'schema is current\n';
  const breaking = changes.filter((change) => change.breaking);
  const safe = changes.filter((change) => !change.breaking);
  const section = (title: string, items: readonly SchemaChange[]): string =>
    items.length === 0 ? '' : `${title} (${items.length}):\n${items.map((change) => `  ${change.path}: ${change.message}`).join('\n')}\n`;
  return `${section('breaking', breaking)}${section('safe', safe)}`;
}
