/** Listens with the front server; resolves to its origin (`http://host:port`). A failure is LISTEN_FAILED where the operator can fix it. */
import type { Server } from 'node:http';
import { listenFailure, originOf } from '../server/listen-failure.js';

export async function listenFront(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => {
      const mapped = listenFailure(error, port, host);
      reject(mapped instanceof Error ? mapped : error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  return originOf(server.address(), port, host);
}
