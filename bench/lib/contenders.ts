/**
 * The contenders: how each starts (pinned to the server core) against a simulator, and how each is
 * asked one benchmark operation. The two tracing ones are bjet-graphql with the same config plus
 * `telemetry.tracing`, exporting to the bench's own OTLP sink; the two cache ones, the same config
 * with the record cache fully on (nothing expires in a run) or off on every endpoint.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchQuery, QueryId } from './bench-queries.js';
import { startManagedProcess, type ManagedProcess } from './managed-process.js';
import { composeMesh, MESH_DIR } from './mesh-peer.js';
import type { HttpCall } from './run-load.js';
import type { Variant } from './write-bench-config.js';
import { withFullCache, withoutCache } from './cache-variants.js';

export const CONTENDER_NAMES = [
  'bjet-graphql',
  'bjet-graphql-cached',
  'bjet-graphql-no-cache',
  'bjet-graphql-trace-1.0',
  'bjet-graphql-trace-0.1',
  'apollo-defaults',
  'mesh',
  'direct-rest',
] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

export interface StartContext {
  readonly repoRoot: string;
  readonly workDir: string;
  /** Compiled bench (bench/.work/dist/bench). */
  readonly distDir: string;
  readonly simBaseUrl: string;
  readonly variant: Variant;
  /** The bjet-graphql config written for this variant (the others read credentials from it). */
  readonly configFile: string;
  readonly port: number;
  readonly cpu: string | null;
  /** The bench's OTLP sink (start-otlp-sink.ts), for the tracing contenders. */
  readonly otlpSinkUrl: string;
}

export interface Contender {
  readonly name: ContenderName;
  /** Only these operations are timed (all are checked); default every timed one. */
  readonly timed?: readonly QueryId[];
  /** Timed only on this simulator (checked on every one); default every one. */
  readonly timedOn?: { readonly latencyMs: number; readonly variant: Variant };
  start(ctx: StartContext): Promise<ManagedProcess>;
  /** The HTTP request for one operation, or null when this contender has no equivalent. */
  callFor(query: BenchQuery, port: number): HttpCall | null;
  /** The `data` it answered, in the canonical shape. */
  canonical(query: BenchQuery, data: Record<string, unknown>): unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

const graphqlCall = (port: number, query: string, route = '/graphql'): HttpCall => ({
  url: `http://127.0.0.1:${port}${route}`,
  method: 'POST',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query }),
});

const node = (ctx: StartContext, name: string, args: readonly string[], readyPath: string): Promise<ManagedProcess> =>
  startManagedProcess({
    name,
    command: process.execPath,
    args,
    cpu: ctx.cpu,
    cwd: ctx.repoRoot,
    env: { NODE_ENV: 'production' },
    readyUrl: `http://127.0.0.1:${ctx.port}${readyPath}`,
  });

const generatedSchemaContender = (name: ContenderName, start: Contender['start']): Contender => ({
  name,
  start,
  callFor: (query, port) => graphqlCall(port, query.graphql),
  canonical: (_query, data) => data,
});

const serveBjet = (ctx: StartContext, name: string, configFile: string): Promise<ManagedProcess> =>
  node(ctx, name, [path.join(ctx.repoRoot, 'bin/bjet-graphql.js'), 'serve', '--config', configFile, '--port', String(ctx.port)], '/healthz');

type Json = Record<string, unknown>;

/** bjet-graphql serving its bench config changed by `change`, written beside it as `<config>.<name>.json`. */
const serveBjetWith = (ctx: StartContext, name: ContenderName, change: (config: Json) => Json): Promise<ManagedProcess> => {
  const config = JSON.parse(readFileSync(ctx.configFile, 'utf8')) as Json;
  const file = ctx.configFile.replace(/\.json$/, `.${name}.json`);
  writeFileSync(file, `${JSON.stringify(change(config), null, 2)}\n`);
  return serveBjet(ctx, name, file);
};

/**
 * The fully cached case and its reference, the same build with the cache off: timed on Q1 and Q2
 * at 0 ms without the id-list key (the CPU targets' cell), checked everywhere. The bench's warm-up
 * fills the cache before any measured run, so the measured runs make no REST call at all.
 */
const cacheContender = (name: ContenderName, change: (config: Json) => Json): Contender => ({
  ...generatedSchemaContender(name, (ctx) => serveBjetWith(ctx, name, change)),
  timed: ['Q1', 'Q2'],
  timedOn: { latencyMs: 0, variant: 'plain' },
});

/**
 * bjet-graphql's bench config plus tracing at `sampleRatio`, exporting under the sink's `/<name>`.
 * Timed on Q1 only (checked on everything), which keeps the full run's length about as it was.
 */
const tracingContender = (name: ContenderName, sampleRatio: number): Contender => ({
  ...generatedSchemaContender(name, (ctx) =>
    serveBjetWith(ctx, name, (config) => ({ ...config, telemetry: { tracing: { otlpEndpoint: `${ctx.otlpSinkUrl}/${name}`, sampleRatio } } })),
  ),
  timed: ['Q1'],
});

export const TRACING_CONTENDERS: readonly ContenderName[] = ['bjet-graphql-trace-1.0', 'bjet-graphql-trace-0.1'];

export const CONTENDERS: readonly Contender[] = [
  generatedSchemaContender('bjet-graphql', (ctx) => serveBjet(ctx, 'bjet-graphql', ctx.configFile)),
  cacheContender('bjet-graphql-cached', withFullCache),
  cacheContender('bjet-graphql-no-cache', withoutCache),
  tracingContender('bjet-graphql-trace-1.0', 1),
  tracingContender('bjet-graphql-trace-0.1', 0.1),
  generatedSchemaContender('apollo-defaults', (ctx) =>
    node(
      ctx,
      'apollo-defaults',
      [path.join(ctx.distDir, 'contenders/apollo-defaults.js'), '--port', String(ctx.port), '--config', ctx.configFile, '--schema', schemaDirOf(ctx)],
      '/.well-known/apollo/server-health',
    ),
  ),
  {
    name: 'mesh',
    async start(ctx) {
      const supergraph = await composeMesh(ctx);
      return startManagedProcess({
        name: 'mesh',
        command: path.join(MESH_DIR(ctx.repoRoot), 'node_modules/.bin/hive-gateway'),
        args: ['supergraph', supergraph, '--port', String(ctx.port), '--host', '127.0.0.1', '--fork', '0'],
        cpu: ctx.cpu,
        // Not the peer's directory: the gateway would load mesh.config.ts (and the composer) as its own config.
        cwd: path.dirname(supergraph),
        env: { NODE_ENV: 'production' },
        readyUrl: `http://127.0.0.1:${ctx.port}/healthcheck`,
        readyTimeoutMs: 60_000,
      });
    },
    callFor: (query, port) => (query.mesh === null ? null : graphqlCall(port, query.mesh)),
    canonical: (query, data) => (query.fromMesh === undefined ? data : query.fromMesh(data)),
  },
  {
    name: 'direct-rest',
    start: (ctx) =>
      node(
        ctx,
        'direct-rest',
        [
          path.join(ctx.distDir, 'contenders/direct-rest.js'),
          '--port',
          String(ctx.port),
          '--config',
          ctx.configFile,
          ...(ctx.variant === 'idlist' ? ['--id-list'] : []),
        ],
        '/healthz',
      ),
    callFor: (query, port) => ({
      url: `http://127.0.0.1:${port}${query.restPath}`,
      method: query.mutation ? 'POST' : 'GET',
      headers: { accept: 'application/json' },
    }),
    canonical: (_query, data) => data,
  },
];

/** The schema directory the bjet-graphql config of this variant points to. */
function schemaDirOf(ctx: StartContext): string {
  return ctx.variant === 'plain' ? path.join(ctx.workDir, 'schema-plain') : path.join(ctx.repoRoot, 'schema');
}
