/**
 * Client timeouts (server.requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs): a client that
 * drips its request is answered 408 and cut, an idle keep-alive socket is closed, and other clients
 * are served meanwhile. The timeouts are injected short; only lower bounds are asserted.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/start-stack.js';
import { withServer } from './stack-options.js';

let stack: Stack | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await stack?.close();
  stack = undefined;
});

const TIMEOUTS = { requestTimeoutMs: 800, headersTimeoutMs: 400, keepAliveTimeoutMs: 300 };

interface Dripping {
  /** Everything the server sent, once it closed the socket. */
  readonly closed: Promise<{ readonly text: string; readonly afterMs: number }>;
}

/** Opens a socket, sends `head`, then one byte of `rest` every 2 s (0.5 B/s) until the server closes it. */
function drip(url: string, head: string, rest: string): Dripping {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  const started = performance.now();
  let text = '';
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < rest.length && socket.writable) socket.write(rest.charAt((sent += 1) - 1));
  }, 2_000);
  socket.on('connect', () => socket.write(head));
  socket.on('data', (chunk: Buffer) => void (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ text, afterMs: performance.now() - started });
    });
  });
  return { closed };
}

const BODY = JSON.stringify({ query: '{ countries(limit: 1) { items { id } } }' });

describe('client timeouts', () => {
  it('cuts a client that drips its body with 408, while another client is served', async () => {
    stack = await startStack(withServer(TIMEOUTS));
    const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`;
    const slow = drip(stack.url, head, BODY);
    const other = await stack.gql('{ countries(limit: 2) { items { id } } }');
    expect(other.body.errors).toBeUndefined();
    const { text, afterMs } = await slow.closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUTS.requestTimeoutMs - 5);
    expect(stack.calls().map((call) => call.endpoint)).toEqual(['countries']);
  });

  it('cuts a client that drips its headers with 408', async () => {
    stack = await startStack(withServer(TIMEOUTS));
    const slow = drip(stack.url, 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: yes\r\n\r\n');
    const { text, afterMs } = await slow.closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeoutMs - 5);
    expect(stack.calls()).toHaveLength(0);
  });

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    stack = await startStack(withServer(TIMEOUTS));
    const idle = drip(stack.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n', '');
    const { text, afterMs } = await idle.closed;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*keep-alive: timeout=0\r\n[\s\S]*\{"status":"ok"\}$/i);
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveTimeoutMs - 5);
  });
});
