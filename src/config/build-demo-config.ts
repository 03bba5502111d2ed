/**
 * The demo's config: the committed `bjet-graphql.config.yaml` at the package root with the base URL
 * of the in-process simulator, which listens on a free port. Credentials take their `${VAR:-default}`
 * defaults (the simulator's), whatever the environment says.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { invariant } from '../errors/bjet-error.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText, readConfigTextSync } from './read-config.js';
import type { Config } from './types.js';

/**
 * `src/config/`, `dist/config/` and the CLI's bundle in `dist/bundle/` (where `import.meta.url` is the
 * bundle's) are all two levels below the package root.
 */
export const DEMO_CONFIG_FILE = fileURLToPath(new URL('../../bjet-graphql.config.yaml', import.meta.url));

export function buildDemoConfig(baseUrl: string): Config {
  const raw = parseConfigText(readConfigTextSync(DEMO_CONFIG_FILE), DEMO_CONFIG_FILE);
  invariant(raw !== null && typeof raw === 'object' && 'upstream' in raw, 'the demo config has an upstream');
  const upstream = raw.upstream !== null && typeof raw.upstream === 'object' ? raw.upstream : {};
  return parseConfig({ ...raw, upstream: { ...upstream, baseUrl } }, { source: null, env: {}, baseDir: path.dirname(DEMO_CONFIG_FILE) });
}
