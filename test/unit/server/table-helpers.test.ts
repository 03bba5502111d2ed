import { describe, expect, it } from 'vitest';
import { tableHelpers } from '../../../src/server/graphiql/table-helpers.js';

// The same source the page runs: evaluated from its text, as the browser does.
const helpers = [tableHelpers(), new Function(`return (${tableHelpers.toString()})();`)() as ReturnType<typeof tableHelpers>];

describe.each(helpers.map((h, i) => [i === 0 ? 'imported' : 'from its source', h] as const))('tableHelpers (%s)', (_name, h) => {
  const data = {
    partners: {
      items: [
        { id: '1', name: 'Acme, Inc.', country: { name: 'Belgium', code: 'BE' }, tags: ['a', 'b'] },
        { id: '2', name: 'Say "hi"', country: null, extra: 3 },
      ],
      pageInfo: { hasNextPage: true },
    },
    countries: { items: [{ id: '9' }] },
  };

  it('flattens the first list, nested objects as dotted columns, in first-seen order', () => {
    expect(h.tableOf(data)).toEqual({
      path: ['partners', 'items'],
      columns: ['id', 'name', 'country.name', 'country.code', 'tags', 'extra'],
      rows: [
        ['1', 'Acme, Inc.', 'Belgium', 'BE', '["a","b"]', ''],
        ['2', 'Say "hi"', '', '', '', '3'],
      ],
    });
    expect(h.tableOf({ partner: { id: '1' } })).toBeNull();
    expect(h.tableOf(null)).toBeNull();
    // Every record without the object: the column stays, there is nothing to split it into.
    expect(h.tableOf({ l: [{ a: null }, { a: null }] })?.columns).toEqual(['a']);
    expect(h.tableOf({ ids: ['1', '2'] })).toEqual({ path: ['ids'], columns: ['value'], rows: [['1'], ['2']] });
  });

  it('writes RFC 4180 CSV and spreadsheet TSV', () => {
    const table = {
      path: [],
      columns: ['a', 'b'],
      rows: [
        ['x,y', 'say "hi"'],
        ['line\nbreak', 'tab\there'],
      ],
    };
    expect(h.toCsv(table)).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",tab\there\r\n');
    expect(h.toTsv(table)).toBe('a\tb\nx,y\tsay "hi"\nline break\ttab here\n');
  });
});
