/**
 * The GraphQL Mesh peer under bench/peers/mesh: installed there from its own lockfile when missing
 * (never a dependency of the product), and composed into a supergraph for one simulator and variant.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Variant } from './write-bench-config.js';

const run = promisify(execFile);

export const MESH_DIR = (repoRoot: string): string => path.join(repoRoot, 'bench/peers/mesh');

/** Runs `npm ci` in the peer's directory when its node_modules is missing; false when that fails. */
export async function ensureMeshInstalled(repoRoot: string, log: (line: string) => void): Promise<boolean> {
  const dir = MESH_DIR(repoRoot);
  if (existsSync(path.join(dir, 'node_modules/.bin/hive-gateway'))) return true;
  log('installing the GraphQL Mesh peer (npm ci in bench/peers/mesh, about a minute)...');
  try {
    await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return true;
  } catch (error) {
    log(`the Mesh peer could not be installed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return false;
  }
}

export interface ComposeContext {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly simBaseUrl: string;
  readonly variant: Variant;
}

/** `mesh-compose` with the simulator's URL; resolves to the supergraph file. */
export async function composeMesh(ctx: ComposeContext): Promise<string> {
  const dir = MESH_DIR(ctx.repoRoot);
  const outDir = path.join(ctx.workDir, 'mesh');
  mkdirSync(outDir, { recursive: true });
  const output = path.join(outDir, `supergraph.${ctx.variant}.graphql`);
  await run(path.join(dir, 'node_modules/.bin/mesh-compose'), ['-o', output], {
    cwd: dir,
    env: { ...process.env, BJET_BASE_URL: ctx.simBaseUrl, BJET_ID_LIST: ctx.variant === 'idlist' ? '1' : '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return output;
}
