/**
 * `npm run bench:hostile`: what hostile documents cost the server (the built CLI's `demo`, in its
 * own process). Two measurements, printed as a table:
 *
 * 1. Memory under a flood of distinct documents, one at a time: accepted ones as large as the
 *    limits allow (~190 fields) (the caches keep them), ones padded with a comment to the body limit, and refused
 *    ones (10,000 aliases). Peak RSS (VmHWM) of the server process against its RSS at start.
 * 2. Each refused hostile kind, sent REPEAT times: the server's CPU time per request (/proc, so
 *    HTTP and JSON included), its slowest answer, and the slowest answer of a small query sent
 *    while the hostile one is in flight (how long it blocked another client).
 *
 * HOSTILE_NODE_OPTIONS (e.g. `--max-old-space-size=128`) is given to the server as NODE_OPTIONS,
 * to show it lives under a hard heap cap; HOSTILE_FLOOD and HOSTILE_REPEAT change the counts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from './lib/free-port.js';
import { startManagedProcess } from './lib/managed-process.js';
import { readCpuMs, readPeakRssMb } from './lib/proc-stats.js';

const FLOOD = Number(process.env['HOSTILE_FLOOD'] ?? 500);
const REPEAT = Number(process.env['HOSTILE_REPEAT'] ?? 20);
const SMALL = '{ partners(limit: 1) { items { id } } }';
const FIELDS = ['id', 'name', 'city', 'street', 'zip', 'phone', 'active', 'contactEmail'];

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function post(url: string, query: string, variables?: unknown): Promise<{ status: number; ms: number; code: unknown }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, ms: performance.now() - started, code: body.errors?.[0]?.extensions?.code ?? null };
}

/** Accepted and as large as the default limits allow: 30 aliases, ~190 fields, under 2000 tokens. */
function largeAccepted(i: number): string {
  const aliases = Array.from({ length: 30 }, (_, j) => `a${j}: ${FIELDS[j % FIELDS.length]}`).join(' ');
  const plain = Array.from({ length: 18 }, (_, j) => `${FIELDS[j % FIELDS.length]} parent { ${FIELDS.slice(0, 7).join(' ')} }`).join(' ');
  return `query Q${i} { partners(limit: ${i % 90}, offset: ${i}) { items { ${aliases} ${plain} } } }`;
}

const aliasesOf = (count: number): string => Array.from({ length: count }, (_, j) => `a${j}: name`).join(' ');

const FLOOD_KINDS: Readonly<Record<string, (i: number) => string>> = {
  'accepted, at the limits': largeAccepted,
  'accepted, 1 MB comment': (i) => `# ${'x'.repeat(1_000_000 - 200)}\nquery P${i} { partners(limit: 1) { items { id } } }`,
  'refused, 10,000 aliases': (i) => `query R${i} { partners(limit: 1) { items { ${aliasesOf(10_000)} } } }`,
};

const HOSTILE: Readonly<Record<string, string>> = {
  '33,333 aliases (100k tokens)': `{ partners(limit: 1) { items { ${aliasesOf(33_333)} } } }`,
  '1 MB of aliases': `{ partners(limit: 1) { items { ${aliasesOf(70_000)} } } }`,
  'list literal, 100k tokens': `{ partners(filter: { ids: [${Array.from({ length: 100_000 }, (_, j) => `"${j}"`).join(' ')}] }) { items { id } } }`,
  '50 levels deep': `{ partners(limit: 1) { items { ${'parent { '.repeat(50)}name${' }'.repeat(50)} } } }`,
  '1,980 tokens, 1 name repeated (quadratic overlap check)': `{ partners(limit: 1) { items { ${'name '.repeat(1980)} } } }`,
  '660 conflicting aliases (quadratic overlap check)': `{ partners(limit: 1) { items { ${Array.from({ length: 660 }, (_, j) => `a: ${j % 2 === 0 ? 'name' : 'city'}`).join(' ')} } } }`,
  '31 aliases in a 1 MB comment': `# ${'x'.repeat(1_000_000 - 400)}\n{ partners(limit: 1) { items { ${aliasesOf(31)} } } }`,
};

async function flood(url: string, pid: number): Promise<void> {
  const startRss = rssMb(pid);
  log(`\nFlood of distinct documents (${FLOOD} of each kind, one at a time); RSS at start ${startRss.toFixed(0)} MB`);
  log('| kind | status codes | RSS after | peak RSS so far |');
  log('|---|---|---|---|');
  let n = 0;
  for (const [kind, make] of Object.entries(FLOOD_KINDS)) {
    const codes = new Set<string>();
    for (let i = 0; i < FLOOD; i += 1) {
      const answer = await post(url, make(n));
      n += 1;
      codes.add(`${answer.status} ${String(answer.code)}`);
    }
    log(`| ${kind} | ${[...codes].join(', ')} | ${rssMb(pid).toFixed(0)} MB | ${readPeakRssMb(pid).toFixed(0)} MB |`);
  }
}

async function hostile(url: string, pid: number): Promise<void> {
  log(`\nRefused hostile documents (${REPEAT} each, after a warm-up)`);
  log('| kind | answer | server CPU per request | slowest answer | slowest small query sent meanwhile |');
  log('|---|---|---|---|---|');
  for (const [kind, query] of Object.entries(HOSTILE)) {
    await post(url, query);
    let slowest = 0;
    let blocked = 0;
    let answer = '';
    const cpuBefore = readCpuMs(pid);
    for (let i = 0; i < REPEAT; i += 1) {
      const pending = post(url, query);
      // Sent once the hostile body is on its way: it waits for whatever the server is doing.
      const small = await post(url, SMALL);
      const refused = await pending;
      slowest = Math.max(slowest, refused.ms);
      blocked = Math.max(blocked, small.ms);
      answer = `${refused.status} ${String(refused.code)}`;
    }
    const cpu = (readCpuMs(pid) - cpuBefore) / REPEAT;
    log(`| ${kind} | ${answer} | ${cpu.toFixed(1)} ms (with the small query) | ${slowest.toFixed(1)} ms | ${blocked.toFixed(1)} ms |`);
  }
}

async function main(): Promise<void> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const server = await startManagedProcess({
    name: 'bjet-graphql demo',
    command: process.execPath,
    args: [path.join(repoRoot, 'bin/bjet-graphql.js'), 'demo'],
    cpu: null,
    env: { PORT: String(port), ...(process.env['HOSTILE_NODE_OPTIONS'] === undefined ? {} : { NODE_OPTIONS: process.env['HOSTILE_NODE_OPTIONS'] }) },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
  });
  try {
    for (let i = 0; i < 50; i += 1) await post(url, SMALL);
    log(`RSS after start and 50 small queries: ${rssMb(server.pid).toFixed(0)} MB`);
    await hostile(url, server.pid);
    await flood(url, server.pid);
  } finally {
    await server.stop();
  }
}

await main();
