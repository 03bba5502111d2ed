/**
 * What `introspect` and `check` share: credentials for sampling endpoints with `forward` auth
 * (`--header 'Authorization: …'`, or BJET_GRAPHQL_SAMPLE_AUTHORIZATION), never written to schema/
 * or printed, and the progress they show on stderr (a line rewritten in place on a terminal, a
 * line per page otherwise).
 */
import type { SampleOptions } from '../introspection/sample-endpoints.js';

export const SAMPLING_OPTIONS = { header: { type: 'string', multiple: true } } as const;

export const SAMPLING_HELP = `  --header 'Authorization: …'
                 credentials sent to endpoints with \`auth: { type: forward }\` while sampling
                 (or set BJET_GRAPHQL_SAMPLE_AUTHORIZATION); never written to schema/
`;

/** The Authorization for sampling, or an error message for a header we do not take. */
export function readSamplingAuthorization(
  headers: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { readonly authorization: string | undefined } | { readonly error: string } {
  let authorization = env['BJET_GRAPHQL_SAMPLE_AUTHORIZATION'] || undefined;
  for (const header of headers ?? []) {
    const colon = header.indexOf(':');
    const name = colon < 0 ? header : header.slice(0, colon);
    if (colon < 0 || name.trim().toLowerCase() !== 'authorization') {
      return { error: `--header takes "Authorization: <credentials>" (got a header named "${name.trim()}")` };
    }
    authorization = header.slice(colon + 1).trim();
  }
  return { authorization };
}

/** Progress of sampling on stderr. */
export function samplingProgress(stream: NodeJS.WriteStream = process.stderr): Pick<SampleOptions, 'onPage' | 'onProgress'> {
  if (stream.isTTY === true) {
    return {
      onProgress: (done, total, endpoint) => {
        stream.write(`\r\x1b[Kintrospect: endpoint ${done} of ${total} (${endpoint})${done === total ? '\n' : ''}`);
      },
    };
  }
  return {
    onPage: (endpoint, page, records) => void stream.write(`introspect: ${endpoint} page ${page}: ${records} records\n`),
    onProgress: (done, total, endpoint) => void stream.write(`introspect: ${endpoint} done (${done} of ${total} endpoints)\n`),
  };
}
