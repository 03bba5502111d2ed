/** `npm run docs`: rewrites the README's error-code table from src/errors/codes.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceErrorTable } from './print-error-table.js';

const file = new URL('../../README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = replaceErrorTable(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'README error table is current\n' : 'README error table updated\n');
