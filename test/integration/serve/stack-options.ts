/** Variations of the demo stack used by the serve integration tests. */
import type { Config } from '../../../src/config/types.js';
import type { SourceModel } from '../../../src/model/source-model.js';
import type { StackOptions } from '../../support/start-stack.js';

/** The demo with one endpoint's id-list filter removed from both the config and the model. */
export function withoutIdListFilter(endpoint: string): StackOptions {
  return {
    config: (config: Config): Config => ({
      ...config,
      endpoints: config.endpoints.map((e) => (e.name === endpoint ? { ...e, idListFilter: null } : e)),
    }),
    model: (model: SourceModel): SourceModel => ({
      ...model,
      endpoints: model.endpoints.map((e) => (e.endpoint === endpoint ? { ...e, idListFilter: null } : e)),
    }),
  };
}

export function withServer(change: Partial<Config['server']>): StackOptions {
  return { config: (config) => ({ ...config, server: { ...config.server, ...change } }) };
}

export function withBudget(config: Config, budget: number): Config {
  return { ...config, server: { ...config.server, budget } };
}
