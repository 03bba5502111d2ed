/**
 * The config and `schema/` must name the same endpoints. An endpoint `schema/` serves but the config
 * lacks has no route, auth or timeouts: refused. An endpoint the config adds but `schema/` does not
 * know yet (introspection not rerun) would be silently missing from the API: reported, so the
 * server still starts with what was reviewed (docs/serving.md, "Config and schema/").
 */
import type { EndpointConfig } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';
import type { EndpointModel } from '../model/source-model.js';

export interface EndpointMismatch {
  /** In the config, not in `schema/`: not served until `bjet-graphql introspect` is run. */
  readonly unknownToSchema: readonly string[];
}

export function checkConfigEndpoints(config: readonly EndpointConfig[], model: readonly EndpointModel[]): EndpointMismatch {
  const configured = new Set(config.map((endpoint) => endpoint.name));
  const served = new Set(model.map((endpoint) => endpoint.endpoint));
  const unconfigured = [...served].filter((name) => !configured.has(name)).sort();
  if (unconfigured.length > 0) {
    throw new BjetError(
      'SCHEMA_DRIFT',
      `schema/ serves endpoint(s) the config does not have: ${unconfigured.join(', ')}; add them under \`endpoints:\` or rerun \`bjet-graphql introspect\` with this config`,
      { details: { endpoints: unconfigured } },
    );
  }
  return { unknownToSchema: [...configured].filter((name) => !served.has(name)).sort() };
}
