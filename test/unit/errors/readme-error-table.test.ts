import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { printErrorTable, replaceErrorTable } from '../../../src/errors/print-error-table.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README error-code table', () => {
  it('is identical to the table in src/errors/codes.ts (fix: npm run docs)', () => {
    expect(replaceErrorTable(readme)).toBe(readme);
  });

  it('lists every code exactly once', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(printErrorTable().split(`| \`${code}\` |`).length - 1).toBe(1);
      expect(readme.split(`| \`${code}\` |`).length - 1).toBe(1);
    }
  });
});
