import { ERROR_CODES } from './codes.js';

const ERROR_TABLE_START = '<!-- error-codes:start (generated from src/errors/codes.ts, do not edit) -->';
const ERROR_TABLE_END = '<!-- error-codes:end -->';

/** The error-code table of docs/errors.md, printed from the one table in codes.ts. */
export function printErrorTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, spec]) => `| \`${code}\` | ${spec.httpStatus} | ${spec.exitCode} | ${spec.meaning} |`);
  return [ERROR_TABLE_START, '| `extensions.code` | HTTP status | CLI exit code | meaning |', '|---|---|---|---|', ...rows, ERROR_TABLE_END].join('\n');
}

/** Replaces the table between the markers in a document's text; throws when the markers are missing. */
export function replaceErrorTable(readme: string): string {
  const start = readme.indexOf(ERROR_TABLE_START);
  const end = readme.indexOf(ERROR_TABLE_END);
  if (start < 0 || end < start) throw new Error('the document has no error-codes markers');
  return readme.slice(0, start) + printErrorTable() + readme.slice(end + ERROR_TABLE_END.length);
}
