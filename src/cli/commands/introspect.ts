/** `bjet-graphql introspect [--config FILE] [--out DIR]`: sample the upstream, write schema/. */
import path from 'node:path';
import { readConfig } from '../../config/read-config.js';
import { BjetError } from '../../errors/bjet-error.js';
import { explainUpstreamError } from '../explain-upstream-error.js';
import type { Config } from '../../config/types.js';
import { writeSchemaArtifacts } from '../../model/write-schema-artifacts.js';
import { introspectUpstream } from '../../pipeline/introspect-upstream.js';
import { createUpstreamClient } from '../../upstream/create-upstream-client.js';
import type { Command } from '../commands.js';
import { readCommandOptions } from '../read-command-options.js';
import { readSamplingAuthorization, SAMPLING_HELP, SAMPLING_OPTIONS, samplingProgress } from '../sampling-options.js';

const HELP = `Usage: bjet-graphql introspect [--config FILE] [--out DIR]

Samples every readable endpoint (introspection.pages pages of introspection.pageSize records) and
writes schema.graphql and model.json, each only if it changed.

  --config FILE  config file (default: BJET_GRAPHQL_CONFIG, else bjet-graphql.config.yaml)
  --out DIR      output directory (default: the config's schemaDir)
${SAMPLING_HELP}`;

export const command: Command = {
  summary: 'introspect',
  async run(args) {
    const values = readCommandOptions(
      'introspect',
      args,
      { config: { type: 'string' }, out: { type: 'string' }, ...SAMPLING_OPTIONS, help: { type: 'boolean', short: 'h' } },
      HELP,
    );
    if (typeof values === 'number') return values;
    const sampling = readSamplingAuthorization(values.header);
    if ('error' in sampling) {
      process.stderr.write(`bjet-graphql introspect: ${sampling.error}\n`);
      return 2;
    }
    const config = await readConfig(values.config);
    await introspectInto(config, values.out === undefined ? config.schemaDir : path.resolve(values.out), sampling.authorization);
    return 0;
  },
};

/** Samples the upstream and writes schema/ under `outDir`, saying what it wrote (also run by `init`). */
export async function introspectInto(config: Config, outDir: string, authorization: string | undefined): Promise<void> {
  const client = createUpstreamClient(config);
  try {
    const output = await explainingFailures(config, introspectUpstream(config, client, { ...samplingProgress(), authorization }));
    for (const warning of output.warnings) process.stderr.write(`warning: ${warning}\n`);
    const written = await writeSchemaArtifacts(outDir, output);
    const records = output.model.endpoints.reduce((sum, endpoint) => sum + endpoint.sampled, 0);
    const what =
      written.length === 0
        ? `${path.relative(process.cwd(), outDir) || '.'} is current`
        : `wrote ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`;
    process.stdout.write(`introspected ${output.model.endpoints.length} endpoints (${records} records): ${what}\n`);
  } finally {
    await client.close();
  }
}

/** Adds what the user can fix to an upstream failure's message (main prints it). */
export async function explainingFailures<T>(config: Config, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const hint = error instanceof BjetError ? explainUpstreamError(error, config) : null;
    if (hint === null || !(error instanceof BjetError)) throw error;
    throw new BjetError(error.code, `${error.message}\n  ${hint}`, { upstream: error.upstream, cause: error });
  }
}
