/** `npm run docs`: rewrites the error-code table of docs/errors.md from src/errors/codes.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceErrorTable } from './print-error-table.js';

const file = new URL('../../docs/errors.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = replaceErrorTable(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'docs/errors.md error table is current\n' : 'docs/errors.md error table updated\n');
