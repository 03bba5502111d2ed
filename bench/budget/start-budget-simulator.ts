/**
 * The simulator of one contender's run, as users run it: `bjet-graphql simulate` with the admin
 * routes, the id-list keys and the vendor's proxy limits; then the facts the users draw from (the
 * partner count, the product codes), read before the proxy's counts are cleared.
 */
import path from 'node:path';
import { findFreePort } from '../lib/free-port.js';
import { startManagedProcess, type ManagedProcess } from '../lib/managed-process.js';
import type { CallRecordLike } from './summarize-calls.js';
import { PROXY_PER_HOUR, PROXY_PER_MINUTE } from './write-budget-config.js';

export interface BudgetSimulator {
  readonly process: ManagedProcess;
  readonly origin: string;
  readonly baseUrl: string;
  readonly partnerCount: number;
  readonly productCodes: readonly string[];
  /** GET /__sim/proxy. */
  readProxy(): Promise<Record<string, unknown>>;
  /** GET /__sim/records: every request the simulator served since the counts were cleared. */
  readRecords(): Promise<readonly CallRecordLike[]>;
}

const BASIC_DEMO = `Basic ${Buffer.from('demo:demo-password').toString('base64')}`;

export async function startBudgetSimulator(repoRoot: string, seed: number, extraArgs: readonly string[]): Promise<BudgetSimulator> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    path.join(repoRoot, 'bin/bjet-graphql.js'),
    'simulate',
    '--port',
    String(port),
    '--seed',
    String(seed),
    '--admin',
    '--in-filter',
    '--proxy-limit',
    `${PROXY_PER_MINUTE}/min,${PROXY_PER_HOUR}/h`,
    ...extraArgs,
  ];
  const simulator = await startManagedProcess({
    name: 'simulator',
    command: process.execPath,
    args,
    cpu: null,
    cwd: repoRoot,
    readyUrl: `${origin}/__sim/proxy`,
  });
  const baseUrl = `${origin}/bj_api_sync/v1`;
  const partnerCount = Number(/partners\s.*?(\d+) records/.exec(simulator.tail())?.[1] ?? '300');
  const response = await fetch(`${baseUrl}/products?limit=1000`, { headers: { authorization: BASIC_DEMO } });
  const products = (await response.json()) as { default_code?: unknown }[];
  const productCodes = products.flatMap((product) => (typeof product.default_code === 'string' ? [product.default_code] : []));
  // The bench's own reads are not the contender's: its counts start from zero.
  for (const route of ['proxy', 'records']) await fetch(`${origin}/__sim/${route}`, { method: 'DELETE' }).then((r) => r.arrayBuffer());
  return {
    process: simulator,
    origin,
    baseUrl,
    partnerCount,
    productCodes,
    readRecords: async () => ((await (await fetch(`${origin}/__sim/records`)).json()) as { records: CallRecordLike[] }).records,
    readProxy: async () => ((await (await fetch(`${origin}/__sim/proxy`)).json()) as { proxy: Record<string, unknown> }).proxy,
  };
}
