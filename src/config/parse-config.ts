/**
 * The only producer of `Config`: expands `${VAR}`, validates the shape and the cross-references,
 * collects every issue with its path and fix, applies the defaults and freezes the result.
 */
import path from 'node:path';
import { BjetError } from '../errors/bjet-error.js';
import { buildConfig } from './build-config.js';
import { checkConfigFile } from './check-config-file.js';
import { deepFreeze } from './deep-freeze.js';
import { expandEnv } from './expand-env.js';
import type { Config, ConfigIssue } from './types.js';
import { validateConfigFile } from './validate-config-file.js';

interface ParseConfigOptions {
  /** Path of the file the input came from (for messages and `schemaDir`), or null. */
  readonly source: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory `schemaDir` is relative to (default: the source's directory, else the working directory). */
  readonly baseDir?: string;
}

export function parseConfig(input: unknown, options: ParseConfigOptions): Config {
  const source = options.source === null ? null : path.resolve(options.source);
  const expanded = expandEnv(input, options.env);
  const validated = validateConfigFile(expanded.value);
  const issues: ConfigIssue[] = [...expanded.issues];
  // A missing variable left an empty string behind: its "must not be empty" would only repeat it.
  const expandedPaths = new Set(expanded.issues.map((issue) => issue.path));
  if (!validated.ok) issues.push(...validated.issues.filter((issue) => !expandedPaths.has(issue.path)));
  else issues.push(...checkConfigFile(validated.file));
  if (!validated.ok || issues.length > 0) throw configInvalid(source, sortIssues(issues));
  const baseDir = options.baseDir ?? (source === null ? process.cwd() : path.dirname(source));
  return deepFreeze(buildConfig(validated.file, { source, baseDir, nodeEnv: options.env['NODE_ENV'] }));
}

function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The CONFIG_INVALID error: one line per issue, and the issues in `details` for programs. */
export function configInvalid(source: string | null, issues: readonly ConfigIssue[]): BjetError {
  const where = source === null ? 'the config' : source;
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
  return new BjetError('CONFIG_INVALID', `${where} has ${count}:\n${lines}`, { details: { issues } });
}
