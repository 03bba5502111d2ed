/** Reads a config file (YAML, or JSON by extension) and parses it with `parseConfig`. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BjetError } from '../errors/bjet-error.js';
import { errnoCode } from '../shared/guards.js';
import { configInvalid, parseConfig } from './parse-config.js';
import type { Config } from './types.js';

const DEFAULT_CONFIG_FILE = 'bjet-graphql.config.yaml';

export async function readConfig(file: string = DEFAULT_CONFIG_FILE, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Config> {
  const source = path.resolve(file);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    throw new BjetError('CONFIG_INVALID', `cannot read the config file ${source}: ${describeReadError(error)}`, { cause: error });
  }
  return parseConfig(parseConfigText(text, source), { source, env });
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
  if (code === 'ENOENT') return `no such file; pass --config FILE or create ${DEFAULT_CONFIG_FILE}`;
  return code === '' ? 'unreadable' : code;
}
