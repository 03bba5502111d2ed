/** Real `bjet-graphql serve` processes of the built CLI (replica tests): start, wait for the URL, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './start-stack.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

export async function spawnServe(configFile: string, env: Record<string, string> = {}, args: readonly string[] = []): Promise<ServeProcess> {
  const cli = [path.join(REPO_ROOT, 'bin/bjet-graphql.js'), 'serve', '--config', configFile, '--port', '0', '--host', '127.0.0.1', ...args];
  const child = spawn(process.execPath, cli, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const match = /serving \d+ endpoints at (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(output);
      if (match?.[1] !== undefined) {
        clearInterval(check);
        resolve(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`serve exited (${child.exitCode}):\n${output}`));
      }
    }, 25);
  });
  return {
    child,
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
