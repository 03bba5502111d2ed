import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { printErrorTable, replaceErrorTable } from '../../../src/errors/print-error-table.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

describe('docs/errors.md error-code table', () => {
  it('is identical to the table in src/errors/codes.ts (fix: npm run docs)', () => {
    expect(replaceErrorTable(doc)).toBe(doc);
  });

  it('lists every code exactly once', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(printErrorTable().split(`| \`${code}\` |`).length - 1).toBe(1);
      expect(doc.split(`| \`${code}\` |`).length - 1).toBe(1);
    }
  });
});
