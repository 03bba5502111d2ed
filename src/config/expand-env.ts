/**
 * `${VAR}` and `${VAR:-default}` in every string of the raw config, from the given environment.
 * Runs before validation so that a number or URL can come from the environment too.
 */
import type { ConfigIssue } from './types.js';
import { formatPath } from './format-path.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

interface ExpandResult {
  readonly value: unknown;
  readonly issues: readonly ConfigIssue[];
}

export function expandEnv(input: unknown, env: Readonly<Record<string, string | undefined>>): ExpandResult {
  const issues: ConfigIssue[] = [];
  const walk = (value: unknown, path: readonly (string | number)[]): unknown => {
    if (typeof value === 'string')
      return expandString(value, env, (name) => {
        // The message names the variable and where it is used, never a value.
        issues.push({ path: formatPath(path), message: `environment variable ${name} is not set; set it or write \${${name}:-default}` });
      });
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return value;
  };
  return { value: walk(input, []), issues };
}

function expandString(text: string, env: Readonly<Record<string, string | undefined>>, onMissing: (name: string) => void): string {
  return text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    // As in the shell: `:-` also replaces an empty value.
    if (value !== undefined && (value !== '' || fallback === undefined)) return value;
    if (fallback !== undefined) return fallback;
    onMissing(name);
    return '';
  });
}
