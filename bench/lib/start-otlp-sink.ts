/**
 * A minimal OTLP/HTTP collector on loopback for the tracing contenders: it answers 200 to every
 * POST whose path ends in /v1/traces and counts, per path prefix (one per contender), the exports,
 * their bytes and their spans, so that the report can say the spans did leave the server. It parses
 * nothing: it runs in the bench process, on the load core, and must cost the load generator little.
 */
import { createServer } from 'node:http';

export interface OtlpTally {
  readonly exports: number;
  readonly bytes: number;
  /** `"spanId":` keys in the JSON bodies (a span's own id; parents are `parentSpanId`). */
  readonly spans: number;
}

export interface OtlpSink {
  /** Base URL; a contender's `otlpEndpoint` is `${url}/<its name>`. */
  readonly url: string;
  tally(prefix: string): OtlpTally;
  close(): Promise<void>;
}

const SPAN_ID = /"spanId":/g;

export async function startOtlpSink(): Promise<OtlpSink> {
  const tallies = new Map<string, OtlpTally>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => void chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method !== 'POST' || !url.endsWith('/v1/traces')) {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const prefix = url.slice(0, -'/v1/traces'.length);
      const before = tallies.get(prefix) ?? { exports: 0, bytes: 0, spans: 0 };
      const spans = raw.toString('utf8').match(SPAN_ID)?.length ?? 0;
      tallies.set(prefix, { exports: before.exports + 1, bytes: before.bytes + raw.length, spans: before.spans + spans });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    tally: (prefix) => tallies.get(prefix.startsWith('/') ? prefix : `/${prefix}`) ?? { exports: 0, bytes: 0, spans: 0 },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
