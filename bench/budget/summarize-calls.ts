/**
 * Where a contender's upstream calls went, from the simulator's request records: per endpoint, list
 * pages, id-list reads, reads by id and writes. It says what the budget was spent on.
 */
export interface CallRecordLike {
  readonly method: string;
  readonly path: string;
  readonly endpoint: string | null;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface EndpointCalls {
  readonly endpoint: string;
  readonly pages: number;
  readonly idLists: number;
  readonly byId: number;
  readonly writes: number;
  /** Of those, answered 429 by the proxy. */
  readonly refused: number;
}

const ID_LIST_KEYS = new Set(['ids', 'default_codes']);

export function summarizeCalls(records: readonly CallRecordLike[]): EndpointCalls[] {
  const rows = new Map<string, { pages: number; idLists: number; byId: number; writes: number; refused: number }>();
  for (const record of records) {
    if (record.endpoint === null) continue;
    let row = rows.get(record.endpoint);
    if (row === undefined) {
      row = { pages: 0, idLists: 0, byId: 0, writes: 0, refused: 0 };
      rows.set(record.endpoint, row);
    }
    if (record.status === 429) row.refused += 1;
    if (record.method !== 'GET') row.writes += 1;
    else if (!record.path.endsWith(`/${record.endpoint}`)) row.byId += 1;
    else if (Object.keys(record.query).some((key) => ID_LIST_KEYS.has(key))) row.idLists += 1;
    else row.pages += 1;
  }
  return [...rows].map(([endpoint, row]) => ({ endpoint, ...row })).sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}
