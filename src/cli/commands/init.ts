/**
 * `bjet-graphql init --base-url URL [--endpoint NAME ...] [--auth bearer]`: writes a commented
 * starter config, then runs a first introspection when the credentials it needs are in the
 * environment (or the auth needs none); otherwise it says which variables to set.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readConfig, resolveConfigFile } from '../../config/read-config.js';
import type { Command } from '../commands.js';
import { printStarterConfig, starterAuthVariables, type StarterAuth } from '../print-starter-config.js';
import { readCommandOptions } from '../read-command-options.js';
import { introspectInto } from './introspect.js';

const HELP = `Usage: bjet-graphql init --base-url URL --endpoint NAME [--endpoint NAME ...] [options]

Writes a commented starter config, then runs a first \`introspect\` when the credentials are in the
environment (BJET_TOKEN for bearer, BJET_LOGIN and BJET_PASSWORD for basic, nothing for none).

  --base-url URL   the BJET base URL, e.g. https://odoo.example.com/bj_api_sync/v1
  --endpoint NAME  a configured BJET endpoint name (repeat for each)
  --auth KIND      none | basic | bearer (default) | forward
  --config FILE    where to write (default: BJET_GRAPHQL_CONFIG, else bjet-graphql.config.yaml)
  --force          overwrite an existing file
`;

const AUTH_KINDS: readonly StarterAuth[] = ['none', 'basic', 'bearer', 'forward'];

function isStarterAuth(value: string): value is StarterAuth {
  return (AUTH_KINDS as readonly string[]).includes(value);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function usageError(message: string): number {
  process.stderr.write(`bjet-graphql init: ${message}\nRun \`bjet-graphql init --help\`.\n`);
  return 2;
}

export const command: Command = {
  summary: 'init',
  async run(args) {
    const values = readCommandOptions(
      'init',
      args,
      {
        'base-url': { type: 'string' },
        endpoint: { type: 'string', multiple: true },
        auth: { type: 'string' },
        config: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      HELP,
    );
    if (typeof values === 'number') return values;
    const baseUrl = values['base-url'];
    if (baseUrl === undefined || !/^https?:\/\/\S+$/.test(baseUrl)) return usageError('--base-url URL is required (http:// or https://)');
    const endpoints = values.endpoint ?? [];
    if (endpoints.length === 0) return usageError('name at least one endpoint with --endpoint NAME (the BJET endpoint names, e.g. partners)');
    const auth = values.auth ?? 'bearer';
    if (!isStarterAuth(auth)) return usageError(`--auth takes ${AUTH_KINDS.join(', ')} (got "${auth}")`);
    const file = resolveConfigFile(values.config);
    if (values.force !== true && (await exists(file))) return usageError(`${file} exists; pass --force to overwrite it`);
    await writeFile(file, printStarterConfig({ baseUrl: baseUrl.replace(/\/+$/, ''), endpoints, auth }));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
    const missing = starterAuthVariables(auth).filter((name) => (process.env[name] ?? '') === '');
    if (auth === 'forward' || missing.length > 0) {
      const what = auth === 'forward' ? 'pass --header "Authorization: ..." to introspect' : `set ${missing.join(' and ')}`;
      process.stdout.write(`next: ${what}, then run \`bjet-graphql introspect --config ${path.relative(process.cwd(), file) || file}\`\n`);
      return 0;
    }
    const config = await readConfig(file);
    await introspectInto(config, config.schemaDir, undefined);
    process.stdout.write('next: `bjet-graphql serve` serves it; review schema/ and commit it\n');
    return 0;
  },
};
