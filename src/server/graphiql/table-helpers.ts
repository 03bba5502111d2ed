/**
 * The table view's data logic: the first list in a GraphQL result, flattened into rows (nested
 * objects as dotted columns), and its CSV and TSV text. It runs in the browser: `tableHelpers` is
 * self-contained (no outer names) so that its source, served as is, defines the same functions the
 * unit tests call in Node.
 */
export interface ResultTable {
  /** Where the list is, from `data` (`['partners', 'items']`). */
  readonly path: readonly string[];
  readonly columns: readonly string[];
  /** One cell text per column; null and missing values are empty. */
  readonly rows: readonly (readonly string[])[];
}

export interface TableHelpers {
  /** The first list met depth-first in field order, as a table; null when the result has none. */
  tableOf(data: unknown): ResultTable | null;
  /** RFC 4180: comma-separated, CRLF line ends, a cell with `"`, `,`, CR or LF quoted. */
  toCsv(table: ResultTable): string;
  /** Tab-separated for pasting into a spreadsheet: tabs and line breaks in cells become spaces. */
  toTsv(table: ResultTable): string;
}

export function tableHelpers(): TableHelpers {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

  function firstList(value: unknown, path: string[]): { path: string[]; items: unknown[] } | null {
    if (Array.isArray(value)) return { path, items: value };
    if (!isObject(value)) return null;
    for (const key of Object.keys(value)) {
      const found = firstList(value[key], [...path, key]);
      if (found !== null) return found;
    }
    return null;
  }

  function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
    if (!isObject(value)) {
      out.set(prefix === '' ? 'value' : prefix, cellText(value));
      return;
    }
    for (const key of Object.keys(value)) flatten(value[key], prefix === '' ? key : `${prefix}.${key}`, out);
  }

  function tableOf(data: unknown): ResultTable | null {
    const list = firstList(data, []);
    if (list === null) return null;
    const flat = list.items.map((item) => {
      const out = new Map<string, string>();
      flatten(item, '', out);
      return out;
    });
    const seen: string[] = [];
    for (const row of flat) for (const key of row.keys()) if (!seen.includes(key)) seen.push(key);
    // A null object (`country: null`) is its dotted columns left empty, not a column of its own.
    const columns = seen.filter((key) => !(seen.some((other) => other.startsWith(`${key}.`)) && flat.every((row) => (row.get(key) ?? '') === '')));
    return { path: list.path, columns, rows: flat.map((row) => columns.map((column) => row.get(column) ?? '')) };
  }

  const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const tsvCell = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');
  const lines = (table: ResultTable, cell: (text: string) => string, separator: string): string[] =>
    [table.columns, ...table.rows].map((row) => row.map(cell).join(separator));

  return {
    tableOf,
    toCsv: (table) => `${lines(table, csvCell, ',').join('\r\n')}\r\n`,
    toTsv: (table) => `${lines(table, tsvCell, '\t').join('\n')}\n`,
  };
}
