/**
 * A plain HTTP proxy on loopback in front of the simulator that can hold requests: while held,
 * requests wait unanswered (in flight for the server that sent them) until `release`. Tests use it
 * to have operations in flight at a known moment without timing.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

export interface GateProxy {
  /** The simulator's base URL as seen through the proxy. */
  readonly baseUrl: string;
  hold(): void;
  /** Lets every held request and the ones after it through. */
  release(): void;
  /** Resolves once at least `count` requests are waiting. */
  untilHeld(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startGateProxy(upstreamBaseUrl: string): Promise<GateProxy> {
  const target = new URL(upstreamBaseUrl);
  let holding = false;
  let held: (() => void)[] = [];
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  };
  const server = createServer((incoming, outgoing) => {
    if (holding) held.push(() => forward(incoming, outgoing));
    else forward(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    async untilHeld(count) {
      while (held.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
