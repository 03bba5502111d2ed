/**
 * A real Debian `redis-server` for a test file: 127.0.0.1, a free port, a temporary directory, no
 * persistence. `kill()` ends it with SIGKILL (an outage), `restart()` starts it again on the same
 * port (empty, as a restarted Redis without persistence is). With `tls`, the port speaks TLS only
 * (a throwaway CA; clients must show a certificate it signed) and the URL is `rediss://`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RedisTlsConfig } from '../../src/config/types.js';
import { makeTestCertificates, type TestCertificates } from './make-test-certificates.js';
import { ensureSystemCommand } from './system-deps.js';

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** The client's side of `tls` (CA, client certificate and key), else null. */
  readonly tls: RedisTlsConfig | null;
  /** SIGKILL: connections drop, new ones are refused. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Required by the server (`requirepass`) and carried by `url` as `default:<password>@`. */
  readonly password?: string;
  /** TLS only, with client certificates (`tls-auth-clients yes`, Redis' default). */
  readonly tls?: boolean;
}

export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const command = await ensureSystemCommand({ command: 'redis-server', aptPackage: 'redis-server' });
  const dir = await mkdtemp(path.join(tmpdir(), 'bjet-redis-'));
  const certificates = options.tls === true ? await makeTestCertificates(dir) : null;
  const settings = [...(options.password === undefined ? [] : ['--requirepass', options.password]), ...tlsArgs(certificates)];
  let port = 0;
  let child: ChildProcess | null = null;
  // A port found free can be taken before redis binds it: try a few.
  for (let attempt = 0; child === null; attempt += 1) {
    port = await freePort();
    try {
      child = await launch(command, dir, port, settings, certificates !== null);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  const stopChild = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running !== null) await terminate(running);
  };
  return {
    port,
    url: `${certificates === null ? 'redis' : 'rediss'}://${options.password === undefined ? '' : `default:${options.password}@`}127.0.0.1:${port}`,
    tls: certificates === null ? null : { caFile: certificates.caFile, certFile: certificates.clientCertFile, keyFile: certificates.clientKeyFile },
    kill: stopChild,
    async restart() {
      await stopChild();
      child = await launch(command, dir, port, settings, certificates !== null);
    },
    async stop() {
      await stopChild();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tlsArgs(certificates: TestCertificates | null): string[] {
  if (certificates === null) return [];
  const { serverCertFile, serverKeyFile, caFile } = certificates;
  return ['--tls-cert-file', serverCertFile, '--tls-key-file', serverKeyFile, '--tls-ca-cert-file', caFile, '--tls-auth-clients', 'yes'];
}

function launch(command: string, dir: string, port: number, settings: readonly string[], tls: boolean): Promise<ChildProcess> {
  const args = [
    ...settings,
    ...(tls ? ['--port', '0', '--tls-port', String(port)] : ['--port', String(port)]),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--loglevel',
    'notice',
    '--enable-debug-command',
    'local',
  ];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`redis-server exited (${String(code)}) before it was ready: ${output.slice(-500)}`)));
    child.once('error', reject);
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
