// Writes the bundle's V8 code cache (src/cli/load-cli-bundle.ts): runs `bjet-graphql demo` once
// from the bundle (simulator in-process, free ports), sends it the example query it prints and
// stops it; the CLI writes the cache as it exits, holding every function that starting, answering
// and stopping compiled. Then checks that a fresh start accepts the cache.
//
// A machine where the demo cannot run here (no loopback) still gets a working CLI, only a slower
// start: that is a warning, not a failed install. The e2e tests insist on the cache.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/bjet-graphql.js', import.meta.url));
const TIMEOUT_MS = 60_000;

function runCli(args, env) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  exited.finally(() => clearTimeout(timer));
  return { child, output, exited };
}

async function until(output, pattern, exited) {
  let stopped = false;
  exited.then(() => (stopped = true));
  for (;;) {
    const match = pattern.exec(output.stdout);
    if (match !== null) return match;
    if (stopped) throw new Error(`the demo stopped before printing its URL:\n${output.stdout}${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function warmRun() {
  // No heap settling (src/cli/settle-heap.ts): the V8 flag it sets would be in the cache's flag
  // hash, and V8 would refuse the cache at every start that has not set it yet.
  const demo = runCli(['demo'], { PORT: '0', BJET_GRAPHQL_WRITE_CODE_CACHE: '1', BJET_GRAPHQL_NO_HEAP_SETTLE: '1' });
  try {
    const [, url] = await until(demo.output, /GraphiQL:\s+(http:\/\/\S+)/, demo.exited);
    const [, query] = await until(demo.output, /Example query:\n\s+(.+)\n/, demo.exited);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await response.json();
    if (response.status !== 200 || body.errors !== undefined) throw new Error(`the example query failed: ${JSON.stringify(body)}`);
  } finally {
    demo.child.kill('SIGTERM');
  }
  const status = await demo.exited;
  if (status !== 0) throw new Error(`the demo exited with ${status}:\n${demo.output.stderr}`);
}

async function checkAccepted() {
  const help = runCli(['--help'], { BJET_GRAPHQL_STARTUP_REPORT: '1' });
  await help.exited;
  const report = /bjet-graphql startup: .*/.exec(help.output.stderr)?.[0] ?? help.output.stderr;
  if (!report.includes('code cache accepted')) throw new Error(`a fresh start did not use the cache: ${report}`);
  return report;
}

try {
  await warmRun();
  console.log(`code cache written; ${await checkAccepted()}`);
} catch (error) {
  console.warn(`warning: no code cache, the CLI will start slower: ${error instanceof Error ? error.message : String(error)}`);
}
