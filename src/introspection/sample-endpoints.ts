/**
 * The I/O of introspection: list pages of every readable endpoint through the upstream client.
 * At most `pages` calls per endpoint (a short page ends it early); endpoints run concurrently and
 * the client's own limits bound what is in flight. Writes are never probed.
 */
import { randomUUID } from 'node:crypto';
import type { Config, EndpointConfig } from '../config/types.js';
import type { UpstreamClient, UpstreamRecord } from '../upstream/types.js';

export interface SampleOptions {
  /** Called when an endpoint is done: (endpoints done so far, total, name). */
  readonly onProgress?: (done: number, total: number, endpoint: string) => void;
  /** Called after each page: (endpoint, page number from 1, records in it). */
  readonly onPage?: (endpoint: string, page: number, records: number) => void;
  /** Whole-run deadline in ms from now (default 5 minutes). */
  readonly timeoutMs?: number;
  /**
   * The `Authorization` header sampling sends to endpoints with `forward` auth (a user's own
   * credentials, given on the command line or in the environment; never written to schema/).
   */
  readonly authorization?: string | undefined;
}

type EndpointSamples = Readonly<Record<string, readonly UpstreamRecord[]>>;

export async function sampleEndpoints(config: Config, client: UpstreamClient, options: SampleOptions = {}): Promise<EndpointSamples> {
  const readable = config.endpoints.filter((endpoint) => endpoint.methods.includes('GET'));
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let done = 0;
  const entries = await Promise.all(
    readable.map(async (endpoint) => {
      const records = await sampleEndpoint(endpoint, config, client, { deadline, options });
      done += 1;
      options.onProgress?.(done, readable.length, endpoint.name);
      return [endpoint.name, records] as const;
    }),
  );
  return Object.fromEntries(entries);
}

interface SampleRun {
  readonly deadline: number;
  readonly options: SampleOptions;
}

async function sampleEndpoint(endpoint: EndpointConfig, config: Config, client: UpstreamClient, run: SampleRun): Promise<UpstreamRecord[]> {
  const limit = Math.min(config.introspection.pageSize, endpoint.maxPageSize);
  const records: UpstreamRecord[] = [];
  const ctx = { requestId: `bjet-introspect-${randomUUID()}`, deadline: run.deadline, authorization: run.options.authorization };
  for (let page = 0; page < config.introspection.pages; page += 1) {
    const batch = await client.list(endpoint.name, { limit: String(limit), offset: String(page * limit) }, ctx);
    run.options.onPage?.(endpoint.name, page + 1, batch.length);
    records.push(...batch);
    if (batch.length < limit) break;
  }
  return records;
}
