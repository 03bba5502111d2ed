/** The whole build-time pipeline: sample (I/O) → infer (pure) → SDL and model text (pure). */
import type { Config } from '../config/types.js';
import { buildSdlDocument } from '../generation/build-sdl-document.js';
import { printModelJson } from '../model/print-model-json.js';
import { printSdl } from '../generation/print-sdl.js';
import type { SourceModel } from '../model/source-model.js';
import type { UpstreamClient } from '../upstream/types.js';
import { inferSourceModel } from '../introspection/infer-source-model.js';
import { sampleEndpoints, type SampleOptions } from '../introspection/sample-endpoints.js';

export interface IntrospectionOutput {
  readonly model: SourceModel;
  readonly sdl: string;
  readonly modelJson: string;
  readonly warnings: readonly string[];
}

export async function introspectUpstream(config: Config, client: UpstreamClient, options: SampleOptions = {}): Promise<IntrospectionOutput> {
  const samples = await sampleEndpoints(config, client, options);
  const { model, warnings } = inferSourceModel(config, samples);
  return {
    model,
    warnings,
    sdl: printSdl(buildSdlDocument(model, config.source, { defaultPageSize: config.server.defaultPageSize })),
    modelJson: printModelJson(model),
  };
}
