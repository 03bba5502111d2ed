/**
 * Runs the zod schema and turns every zod issue into a `ConfigIssue` with a fix hint. Messages never
 * echo an input value (it may be a secret).
 */
import type { z } from 'zod';
import { configFileSchema, type ConfigFile } from './config-file-schema.js';
import { didYouMeanHint } from './did-you-mean.js';
import { formatPath } from './format-path.js';
import type { ConfigIssue } from './types.js';

type RawIssue = z.core.$ZodRawIssue;

type ValidateResult = { readonly ok: true; readonly file: ConfigFile } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

// The error map sees the schema (known keys) but not the path; the known keys ride in the message.
const KNOWN_KEYS = 'known-keys:';

export function validateConfigFile(input: unknown): ValidateResult {
  const result = configFileSchema.safeParse(input, { error: describeIssue });
  if (result.success) return { ok: true, file: result.data };
  return { ok: false, issues: result.error.issues.flatMap(toConfigIssues) };
}

function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  if (issue.code !== 'unrecognized_keys') return [{ path: formatPath(issue.path), message: issue.message }];
  const known = issue.message.startsWith(KNOWN_KEYS) ? issue.message.slice(KNOWN_KEYS.length).split(',') : [];
  return issue.keys.map((key) => ({
    path: formatPath([...issue.path, key]),
    message: `unknown key${didYouMeanHint(key, known)}${known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''}`,
  }));
}

function describeIssue(issue: RawIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return KNOWN_KEYS + knownKeys(issue.inst).join(',');
    case 'invalid_type':
      return issue.input === undefined ? `required: add this key (${expected(issue.expected)})` : `expected ${expected(issue.expected)}`;
    case 'invalid_union':
      return 'discriminator' in issue && Array.isArray(issue['options'])
        ? `unknown ${String(issue['discriminator'])}; use one of: ${issue['options'].join(', ')}`
        : 'does not match any allowed form';
    case 'invalid_value':
      return `use one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string' ? `must not be empty` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'expected an http:// or https:// URL' : `expected the ${issue.format} format`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
    default:
      return 'invalid value';
  }
}

function expected(type: string): string {
  const names: Readonly<Record<string, string>> = {
    int: 'an integer',
    int32: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    record: 'a mapping',
  };
  return names[type] ?? type;
}

function knownKeys(inst: unknown): string[] {
  const shape = inst !== null && typeof inst === 'object' && 'shape' in inst ? inst.shape : undefined;
  return shape !== null && typeof shape === 'object' ? Object.keys(shape) : [];
}
