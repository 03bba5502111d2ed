/**
 * The reloading server's one socket (src/reload/create-front-server.ts) keeps the habits Fastify's
 * own socket had: the client timeouts of the config (408), Fastify's answer to a malformed request
 * (400), and WebSocket upgrades only at /graphql.
 */
import net from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { loadSchemaArtifacts } from '../../../src/model/load-schema-artifacts.js';
import { createReloadableServer, type ReloadableServer } from '../../../src/reload/create-reloadable-server.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { printReloadConfig } from '../../support/reload-fixture.js';
import { startSimulator } from '../../support/simulator.js';
import { postGraphQL, SCHEMA_DIR } from '../../support/start-stack.js';

let simulator: Simulator;
let dir = '';
let server: ReloadableServer;
let port = 0;
let url = '';

/** Sends `head` (and then nothing) on a new socket; resolves to all the server sent once it closes the socket. */
function sendAndWait(head: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  let text = '';
  socket.on('connect', () => socket.write(head));
  socket.on('data', (chunk: Buffer) => void (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', () => resolve(text)));
}

beforeAll(async () => {
  simulator = await startSimulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-front-server-'));
  const configFile = path.join(dir, 'config.yaml');
  const demo = await printReloadConfig({ baseUrl: simulator.baseUrl, schemaDir: SCHEMA_DIR, costInExtensions: false });
  await writeFile(configFile, demo.replace(/^ {2}costInExtensions: false$/m, '  costInExtensions: false\n  requestTimeoutMs: 800\n  headersTimeoutMs: 400'));
  const config = await readConfig(configFile, {});
  const { sdl, model } = await loadSchemaArtifacts(config.schemaDir);
  server = await createReloadableServer({ config, sdl, model }, { configFile, logger: createLogger({ level: 'silent' }), env: {} });
  url = await server.listen(0, '127.0.0.1');
  port = Number(new URL(url).port);
});

afterAll(async () => {
  await server?.shutdown(1000);
  await simulator?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('the front socket', () => {
  it('answers a client that never finishes its body 408, while others are served', async () => {
    const slow = sendAndWait('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const other = await postGraphQL(url, { query: '{ countries(limit: 1) { items { id } } }' });
    expect(other.body.errors).toBeUndefined();
    expect(await slow).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('answers a malformed request 400, as Fastify does', async () => {
    expect(await sendAndWait('NOT A REQUEST\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('takes WebSocket upgrades only at /graphql', async () => {
    const upgrade = (target: string): string =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`;
    expect(await sendAndWait(upgrade('/elsewhere'))).toBe('');
    const socket = net.connect(port, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      socket.on('connect', () => socket.write(upgrade('/graphql')));
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
    });
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
  });
});
