/**
 * The bjet-graphql config the bench serves: the repository's demo config (the one `schema/` was
 * generated from) pointed at the bench simulator, written as JSON under bench/.work/. Apollo defaults
 * and the floor read the same file for the base URL and credentials.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export type Variant = 'plain' | 'idlist';

export interface BenchConfigOptions {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly simBaseUrl: string;
  readonly variant: Variant;
  /** Upstream concurrency cap for bjet-graphql (the product's default of 8 is a protection, not a speed). */
  readonly concurrency: number;
  /** REST calls one operation may make (Q5 needs 67 without the id-list key). */
  readonly budget: number;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' ? { ...(value as Json) } : {});

/** `${VAR:-default}` and `${VAR}` from the environment, so every contender sees the same literal values. */
function expandEnv(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) => process.env[name] ?? fallback ?? '');
  }
  if (Array.isArray(value)) return value.map(expandEnv);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v)]));
  return value;
}

/** Writes the config and returns its path. */
export function writeBenchConfig(options: BenchConfigOptions): string {
  mkdirSync(options.workDir, { recursive: true });
  const demo = asObject(expandEnv(parseYaml(readFileSync(path.join(options.repoRoot, 'bjet-graphql.config.yaml'), 'utf8'))));
  const endpoints: Json = {};
  for (const [name, raw] of Object.entries(asObject(demo.endpoints))) {
    const endpoint = asObject(raw);
    // Without the simulator's `in` key the id-list filter must not be used: it would be ignored upstream.
    if (options.variant === 'plain' && 'idListFilter' in endpoint) endpoint.idListFilter = null;
    endpoints[name] = endpoint;
  }
  const config: Json = {
    ...demo,
    upstream: { ...asObject(demo.upstream), baseUrl: options.simBaseUrl, concurrency: options.concurrency },
    endpoints,
    server: { ...asObject(demo.server), costInExtensions: false, budget: options.budget },
    schemaDir: benchSchemaDir(path.join(options.repoRoot, typeof demo.schemaDir === 'string' ? demo.schemaDir : 'schema'), options),
  };
  const file = path.join(options.workDir, `bjet-graphql.${options.variant}.json`);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * The committed schema/ for the id-list variant; for the plain one a copy whose model.json declares no
 * id-list key (the runtime batches by the model's `idListFilter`, and the simulator ignores the key).
 */
function benchSchemaDir(schemaDir: string, options: BenchConfigOptions): string {
  if (options.variant === 'idlist') return schemaDir;
  const copy = path.join(options.workDir, 'schema-plain');
  mkdirSync(copy, { recursive: true });
  for (const file of readdirSync(schemaDir)) {
    if (file !== 'model.json') copyFileSync(path.join(schemaDir, file), path.join(copy, file));
  }
  const model = asObject(JSON.parse(readFileSync(path.join(schemaDir, 'model.json'), 'utf8')));
  const endpoints = Array.isArray(model.endpoints) ? model.endpoints.map((endpoint) => ({ ...asObject(endpoint), idListFilter: null })) : [];
  writeFileSync(path.join(copy, 'model.json'), `${JSON.stringify({ ...model, endpoints }, null, 2)}\n`);
  return copy;
}
