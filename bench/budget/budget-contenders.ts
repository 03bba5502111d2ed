/**
 * The budget's contenders, each started against its own fresh simulator: bjet-graphql with its
 * defaults, bjet-graphql with the cache off, GraphQL Mesh served by Hive Gateway with its response
 * cache on (as its docs show it), the Apollo-defaults build; and bjet-graphql with push when asked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../lib/free-port.js';
import { startManagedProcess, type ManagedProcess } from '../lib/managed-process.js';
import { composeMesh, MESH_DIR } from '../lib/mesh-peer.js';
import type { BudgetContenderName } from './budget-options.js';
import type { Dialect } from './dashboard-operations.js';
import { pushVariant } from './push-variant.js';
import { writeBudgetConfig } from './write-budget-config.js';

export type ContenderId = BudgetContenderName | 'bjet-graphql-push' | 'bjet-graphql-replicas' | 'bjet-graphql-one-replica';

export interface StartContext {
  readonly repoRoot: string;
  readonly workDir: string;
  /** Compiled bench (bench/.work/dist/bench). */
  readonly distDir: string;
  readonly simBaseUrl: string;
  /** Ports of the server (one per replica), chosen before the simulator starts (the push variant's webhook needs them). */
  readonly ports: readonly number[];
  readonly redisUrl: string | null;
  /** The push variant's webhook applies complete payloads (`trustPayload`). */
  readonly trustPayload: boolean;
  /** Mesh's response cache TTL: the bound bjet-graphql's cache works to, so staleness compares like with like. */
  readonly meshTtlSeconds: number;
}

export interface StartedContender {
  readonly processes: readonly ManagedProcess[];
  /** GraphQL URLs (one per replica). */
  readonly urls: readonly string[];
  /** The staleness the configuration allows, in seconds (0 without a cache). */
  readonly boundSeconds: number;
  /** What its configuration holds, for the report. */
  readonly notes: readonly string[];
}

export interface BudgetContender {
  readonly id: ContenderId;
  readonly dialect: Dialect;
  start(ctx: StartContext): Promise<StartedContender>;
}

const nodeProcess = (ctx: StartContext, name: string, args: readonly string[], port: number, readyPath: string): Promise<ManagedProcess> =>
  startManagedProcess({
    name,
    command: process.execPath,
    args,
    cpu: null,
    cwd: ctx.repoRoot,
    env: { NODE_ENV: 'production' },
    readyUrl: `http://127.0.0.1:${port}${readyPath}`,
  });

function bjet(id: ContenderId, cache: 'default' | 'off'): BudgetContender {
  return {
    id,
    dialect: 'generated',
    async start(ctx) {
      const push = id === 'bjet-graphql-push' ? pushVariant : null;
      const webhooks = push === null ? null : { ...push.webhooks, ...(ctx.trustPayload ? { trustPayload: true } : {}) };
      const config = writeBudgetConfig({ ...ctx, name: id, cache, webhooks });
      const processes: ManagedProcess[] = [];
      const urls: string[] = [];
      // Extension point (replicas): N serve processes on one config; they share state only through its Redis key.
      for (const [replica, port] of ctx.ports.entries()) {
        const args = [path.join(ctx.repoRoot, 'bin/bjet-graphql.js'), 'serve', '--config', config.file, '--port', String(port)];
        processes.push(await nodeProcess(ctx, `${id}#${replica + 1}`, args, port, '/healthz'));
        urls.push(`http://127.0.0.1:${port}/graphql`);
      }
      const notes = [`applied: ${config.applied.join('; ') || 'nothing'}`];
      if (config.leftOut.length > 0) notes.push(`not accepted by this build, left out: ${config.leftOut.join('; ')}`);
      if (ctx.ports.length > 1 && !config.applied.some((label) => label.startsWith('redis:')))
        notes.push(`${ctx.ports.length} replicas with no shared state: each has its own cache and budget`);
      return { processes, urls, boundSeconds: cache === 'off' ? 0 : (config.boundSeconds ?? 0), notes };
    },
  };
}

const apolloDefaults: BudgetContender = {
  id: 'apollo-defaults',
  dialect: 'generated',
  async start(ctx) {
    const config = writeBudgetConfig({ ...ctx, name: 'apollo-defaults', cache: 'off', redisUrl: null, webhooks: null });
    const port = ctx.ports[0] ?? (await findFreePort());
    const args = [
      path.join(ctx.distDir, 'contenders/apollo-defaults.js'),
      '--port',
      String(port),
      '--config',
      config.file,
      '--schema',
      path.join(ctx.repoRoot, 'schema'),
    ];
    const processes = [await nodeProcess(ctx, 'apollo-defaults', args, port, '/.well-known/apollo/server-health')];
    return { processes, urls: [`http://127.0.0.1:${port}/graphql`], boundSeconds: 0, notes: ['no cache, no rate limit (plain fetch per field)'] };
  },
};

const mesh: BudgetContender = {
  id: 'mesh',
  dialect: 'mesh',
  async start(ctx) {
    const supergraph = await composeMesh({ repoRoot: ctx.repoRoot, workDir: ctx.workDir, simBaseUrl: ctx.simBaseUrl, variant: 'idlist' });
    const dir = path.dirname(supergraph);
    mkdirSync(dir, { recursive: true });
    // Hive Gateway's docs: `responseCaching: { session: () => null }` (one global cache); the TTL is ours.
    const ttlMs = ctx.meshTtlSeconds * 1000;
    writeFileSync(path.join(dir, 'gateway.config.mjs'), `export const gatewayConfig = { responseCaching: { session: () => null, ttl: ${ttlMs} } };\n`);
    const port = ctx.ports[0] ?? (await findFreePort());
    const processes = [
      await startManagedProcess({
        name: 'mesh',
        command: path.join(MESH_DIR(ctx.repoRoot), 'node_modules/.bin/hive-gateway'),
        args: ['supergraph', supergraph, '--port', String(port), '--host', '127.0.0.1', '--fork', '0'],
        cpu: null,
        cwd: dir,
        env: { NODE_ENV: 'production' },
        readyUrl: `http://127.0.0.1:${port}/healthcheck`,
        readyTimeoutMs: 60_000,
      }),
    ];
    const notes = [`responseCaching: { session: () => null, ttl: ${ttlMs} } (global cache, invalidated by mutations), no rate limit`];
    return { processes, urls: [`http://127.0.0.1:${port}/graphql`], boundSeconds: ctx.meshTtlSeconds, notes };
  },
};

export const BUDGET_CONTENDER_LIST: readonly BudgetContender[] = [bjet('bjet-graphql', 'default'), bjet('bjet-graphql-no-cache', 'off'), mesh, apolloDefaults];

export const PUSH_CONTENDER: BudgetContender = bjet('bjet-graphql-push', 'default');

/** `--replicas N`: N serve processes sharing `--redis`, run beside the one-process `bjet-graphql`. */
export const REPLICAS_CONTENDER: BudgetContender = bjet('bjet-graphql-replicas', 'default');

/**
 * `--replicas N --redis URL`: one serve process on the same Redis, the replicas' baseline: what N
 * replicas cost beyond one, apart from what the shared store costs beyond memory.
 */
export const ONE_REPLICA_CONTENDER: BudgetContender = bjet('bjet-graphql-one-replica', 'default');
