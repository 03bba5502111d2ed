/** What inference needs beside the samples: the endpoint's config, the other endpoints' names, sinks. */
import type { ConfigIssue, EndpointConfig } from '../config/types.js';

export interface InferTarget {
  readonly typeName: string;
  readonly idKey: string;
}

export interface InferContext {
  readonly endpoint: string;
  /** The GraphQL type being inferred (an endpoint's, or a nested object's). */
  readonly typeName: string;
  /** The endpoint's config at the top level; null inside nested objects (config names top-level keys only). */
  readonly config: EndpointConfig | null;
  /** Key path of the nested object being inferred (`order_line.`), empty at the top level. */
  readonly keyPrefix: string;
  /** Every configured endpoint by name: relation targets. */
  readonly targets: ReadonlyMap<string, InferTarget>;
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
}
