/**
 * Every GraphQL type name claimed by the generated schema, with where it came from: a second claim
 * is an error that names both origins and the config key that fixes it.
 */
import { configInvalid } from '../config/parse-config.js';
import type { ConfigIssue } from '../config/types.js';

interface NameOrigin {
  /** e.g. ``endpoint `partners`, key `country_id` `` */
  readonly describe: string;
  /** Config path that would fix a collision (`endpoints.partners.typeName`). */
  readonly configPath: string;
}

const BUILT_IN = [
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  'Query',
  'Mutation',
  'Subscription',
  'PageInfo',
  'DateTime',
  'Date',
  'JSON',
  '_Any',
  '_Entity',
  '_Service',
  'FieldSet',
  'link__Import',
  'link__Purpose',
];

export interface NameRegistry {
  claim(name: string, origin: NameOrigin): void;
  /** Throws CONFIG_INVALID with every collision found. */
  assertNoCollision(source: string | null): void;
}

export function createNameRegistry(): NameRegistry {
  const owners = new Map<string, NameOrigin>(BUILT_IN.map((name) => [name, { describe: 'the built-in schema', configPath: '' }]));
  const issues: ConfigIssue[] = [];
  return {
    claim(name, origin) {
      const owner = owners.get(name);
      if (owner === undefined) {
        owners.set(name, origin);
        return;
      }
      issues.push({
        path: origin.configPath,
        message: `GraphQL name \`${name}\` comes from both ${owner.describe} and ${origin.describe}: set \`typeName\` (or a field \`name\`) to tell them apart`,
      });
    },
    assertNoCollision(source) {
      if (issues.length > 0) throw configInvalid(source, issues);
    },
  };
}
