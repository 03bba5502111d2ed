/** `bjet-graphql check [--config FILE]`: re-introspect and compare with schema/; exit 1 on drift. */
import { readConfig } from '../../config/read-config.js';
import { ERROR_CODES } from '../../errors/codes.js';
import { diffRootFields } from '../../generation/diff-root-fields.js';
import { diffSourceModels } from '../../generation/diff-source-models.js';
import { loadSchemaArtifacts } from '../../model/load-schema-artifacts.js';
import { printModelJson } from '../../model/print-model-json.js';
import { printSchemaChanges } from '../../generation/print-schema-changes.js';
import { introspectUpstream } from '../../pipeline/introspect-upstream.js';
import { createUpstreamClient } from '../../upstream/create-upstream-client.js';
import type { Command } from '../commands.js';
import { explainingFailures } from './introspect.js';
import { readCommandOptions } from '../read-command-options.js';
import { readSamplingAuthorization, SAMPLING_HELP, SAMPLING_OPTIONS, samplingProgress } from '../sampling-options.js';

const HELP = `Usage: bjet-graphql check [--config FILE]

Re-introspects the upstream and compares it with the committed schema directory. Exit 0 when they
match; otherwise prints each change as breaking or safe and exits ${ERROR_CODES.SCHEMA_DRIFT.exitCode}.

  --config FILE  config file (default: BJET_GRAPHQL_CONFIG, else bjet-graphql.config.yaml)
${SAMPLING_HELP}`;

export const command: Command = {
  summary: 'check',
  async run(args) {
    const values = readCommandOptions('check', args, { config: { type: 'string' }, ...SAMPLING_OPTIONS, help: { type: 'boolean', short: 'h' } }, HELP);
    if (typeof values === 'number') return values;
    const sampling = readSamplingAuthorization(values.header);
    if ('error' in sampling) {
      process.stderr.write(`bjet-graphql check: ${sampling.error}\n`);
      return 2;
    }
    const config = await readConfig(values.config);
    const committed = await loadSchemaArtifacts(config.schemaDir);
    const client = createUpstreamClient(config);
    try {
      const fresh = await explainingFailures(config, introspectUpstream(config, client, { ...samplingProgress(), authorization: sampling.authorization }));
      const changes = [...diffSourceModels(committed.model, fresh.model), ...diffRootFields(committed.sdl, fresh.sdl)];
      const sdlStale = committed.sdl !== fresh.sdl;
      // A name edited in model.json alone (a mutation, an input field) changes no field the diff compares.
      const modelStale = printModelJson(committed.model) !== fresh.modelJson;
      if (changes.length === 0 && !sdlStale && !modelStale) {
        process.stdout.write('schema is current\n');
        return 0;
      }
      const breaking = changes.filter((change) => change.breaking).length;
      process.stdout.write(`schema drift: ${changes.length} change(s), ${breaking} breaking\n${changes.length > 0 ? printSchemaChanges(changes) : ''}`);
      if (sdlStale) process.stdout.write('schema.graphql is not what this version generates from the upstream\n');
      if (modelStale) process.stdout.write('model.json is not what this version generates from the upstream\n');
      process.stdout.write('run `bjet-graphql introspect` to update schema/, then review the diff\n');
      return ERROR_CODES.SCHEMA_DRIFT.exitCode;
    } finally {
      await client.close();
    }
  },
};
