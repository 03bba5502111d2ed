/** Reads a config file (YAML, or JSON by extension) and parses it with `parseConfig`. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BjetError } from '../errors/bjet-error.js';
import { errnoCode, isRecord } from '../shared/guards.js';
import { configInvalid, parseConfig } from './parse-config.js';
import type { Config } from './types.js';

const DEFAULT_CONFIG_FILE = 'bjet-graphql.config.yaml';

/** The config file a command reads: `--config FILE`, else `BJET_GRAPHQL_CONFIG`, else the default. */
export function resolveConfigFile(file: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env['BJET_GRAPHQL_CONFIG'];
  return path.resolve(file ?? (fromEnv === undefined || fromEnv === '' ? DEFAULT_CONFIG_FILE : fromEnv));
}

export async function readConfig(file?: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Config> {
  const source = resolveConfigFile(file, env);
  return parseConfig(parseConfigText(await readConfigFileText(source), source), { source, env });
}

/**
 * Only the schema directory of a config file, read without validating or expanding anything else:
 * `print-sdl` needs no credentials in the environment.
 */
export async function readSchemaDir(file?: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const source = resolveConfigFile(file, env);
  const raw = parseConfigText(await readConfigFileText(source), source);
  const schemaDir = isRecord(raw) ? raw['schemaDir'] : undefined;
  if (schemaDir !== undefined && (typeof schemaDir !== 'string' || schemaDir === '')) {
    throw configInvalid(source, [{ path: 'schemaDir', message: 'must be a non-empty string (a directory, relative to the config file)' }]);
  }
  return path.resolve(path.dirname(source), schemaDir ?? 'schema');
}

/** The text of a config file; an unreadable one is CONFIG_INVALID saying why and what to do. */
async function readConfigFileText(source: string): Promise<string> {
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new BjetError('CONFIG_INVALID', `cannot read the config file ${source}: ${describeReadError(error)}`, { cause: error });
  }
}

/** The raw document of a config file's text; a syntax error is a CONFIG_INVALID issue with its line. */
export function parseConfigText(text: string, source: string): unknown {
  try {
    return source.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    // The parser's message quotes at most the offending line's position, not values.
    const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    const message = firstLine.replace(/:$/, '') || 'syntax error';
    throw configInvalid(source, [{ path: '(root)', message: `not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${message}` }]);
  }
}

/** Synchronous read for code paths that build a config at start-up (the demo). */
export function readConfigTextSync(file: string): string {
  return readFileSync(file, 'utf8');
}

function describeReadError(error: unknown): string {
  const code = errnoCode(error) ?? '';
  if (code === 'ENOENT')
    return `no such file; pass --config FILE, set BJET_GRAPHQL_CONFIG, or create ${DEFAULT_CONFIG_FILE} (\`bjet-graphql init\` writes a starter)`;
  return code === '' ? 'unreadable' : code;
}
