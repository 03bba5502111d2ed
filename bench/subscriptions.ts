/**
 * `npm run bench:subscriptions`: 1,000 subscribers on one record, then 1,000 over 100 records (10
 * each), the server and simulator in this process and the subscribers in a worker thread. Each
 * edit is made the way Odoo would (a REST write to the simulator, whose outbound side calls our
 * webhook); we time edit → delivery for every subscriber, count the GETs each change cost, and
 * report the server's heap per subscription and the process RSS. The first round (each record's
 * first change) runs the process's cold code: V8 compiling the path on first use and optimising it
 * on background threads, which compete for the cores. So it is reported on its own, the p99 both
 * with it and after it, and the slowest delivery of every round goes to stderr.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/config/read-config.js';
import { buildWebhooks } from '../src/config/build-feed-config.js';
import { loadSchemaArtifacts } from '../src/model/load-schema-artifacts.js';
import { createServer } from '../src/server/create-server.js';
import { createSimulator } from '../src/simulator/create-simulator.js';

const ROUNDS = 20;
/** The repository root: this file runs from bench/.work/dist/bench/. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TOKEN = 'bench-hook-token';
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function scenario(name: string, records: number, subscribers: number): Promise<void> {
  const simulator = createSimulator({ switches: { inFilter: true } });
  await simulator.listen(0, '127.0.0.1');
  const demo = await readConfig(`${ROOT}bjet-graphql.config.yaml`, { BJET_BASE_URL: simulator.baseUrl });
  // Every edit is a hint the subscribers wait for: an eager-refresh budget as large as the bench's edits.
  const config = { ...demo, webhooks: buildWebhooks({ auth: { type: 'bearer', token: TOKEN }, eagerRefresh: { perMinute: 1_000_000 } }) };
  const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
  const server = await createServer({ config, sdl, model });
  const url = await server.listen(0, '127.0.0.1');
  const outbound = simulator.startOutbound({ url: `${new URL(url).origin}/hooks/bjet`, auth: { type: 'bearer', token: TOKEN } });
  const ids = Array.from({ length: subscribers }, (_, i) => String(1 + (i % records)));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const worker = new Worker(new URL('./lib/subscriber-worker.js', import.meta.url), { workerData: { url: url.replace(/^http/, 'ws'), ids } });
  while ((server.subscriptions?.active() ?? 0) < subscribers) await sleep(20);
  await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage('settle');
  });
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssSubscribed = process.memoryUsage().rss;
  simulator.clearRecords();
  const editedAt = new Map<string, number>();
  // Round 0 is each record's first change after start.
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let record = 1; record <= records; record += 1) {
      const city = `r${round}-${record}`;
      editedAt.set(city, performance.timeOrigin + performance.now());
      await fetch(`${simulator.baseUrl}/partners/${record}`, {
        method: 'PUT',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({ city }),
      }).then((response) => response.arrayBuffer());
    }
    await outbound.idle();
    await server.webhooks?.idle();
    await sleep(50);
  }
  await sleep(500);
  const arrivals = await new Promise<[string, number][]>((resolve) => {
    worker.once('message', resolve);
    worker.postMessage('report');
  });
  const timed = arrivals.flatMap(([city, at]) => {
    const edited = editedAt.get(city);
    return edited === undefined ? [] : [{ round: Number(city.slice(1, city.indexOf('-'))), first: city.startsWith('r0-'), ms: at - edited }];
  });
  const sorted = (list: readonly { ms: number }[]) => list.map((t) => t.ms).sort((a, b) => a - b);
  const latencies = sorted(timed);
  const warm = sorted(timed.filter((t) => !t.first));
  const first = sorted(timed.filter((t) => t.first));
  const changes = ROUNDS * records;
  const slowest = Array.from({ length: ROUNDS }, (_, round) => percentile(sorted(timed.filter((t) => t.round === round)), 100));
  process.stderr.write(`${name}: slowest delivery per round, ms: ${slowest.map((ms) => ms.toFixed(0)).join(' ')}\n`);
  const gets = simulator.records.filter((r) => r.method === 'GET').length;
  const rss = process.memoryUsage().rss;
  process.stdout.write(
    `| ${name} | ${subscribers} | ${changes} | ${latencies.length}/${changes * (subscribers / records)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${percentile(warm, 99).toFixed(1)} | ${percentile(first, 100).toFixed(1)} | ${(gets / changes).toFixed(2)} | ${((heapAfter - heapBefore) / subscribers / 1024).toFixed(1)} KB | ${mb(rssSubscribed)} / ${mb(rss)} MB |\n`,
  );
  await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage('close');
  });
  await worker.terminate();
  await server.close();
  await simulator.close();
}

process.stdout.write(
  '| scenario | subscribers | changes | deliveries | p50 edit→delivery ms | p99 ms | p99 after the first round ms | first round, slowest delivery ms | GETs per change | server heap per subscription | RSS subscribed / after (process, subscribers included) |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
);
await scenario('one record', 1, 1000);
await scenario('100 records', 100, 1000);
