/**
 * The bench's subscribers, in a worker thread so that the server's heap (the main thread's) is
 * measured without theirs: one graphql-ws connection and one `partnerChanged` subscription per
 * subscriber, each arrival timed on the shared process clock and reported at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

interface Job {
  readonly url: string;
  /** Record id per subscriber. */
  readonly ids: readonly string[];
}

const job = workerData as Job;
const clients: Client[] = [];
const arrivals: [string, number][] = [];
const now = (): number => performance.timeOrigin + performance.now();

for (const id of job.ids) {
  const client = createClient({ url: job.url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  clients.push(client);
  client.subscribe<{ partnerChanged: { record: { city: string | null } | null } }>(
    { query: 'subscription($id: ID!) { partnerChanged(id: $id) { event record { id city } } }', variables: { id } },
    {
      next: (result) => arrivals.push([result.data?.partnerChanged.record?.city ?? '', now()]),
      error: () => undefined,
      complete: () => undefined,
    },
  );
}

parentPort?.on('message', (message: string) => {
  // Once every subscription is open (the server's heap is collected then too): the clients' state
  // leaves this isolate's young generation now, not in scavenges during the first rounds.
  if (message === 'settle') {
    (globalThis as { gc?: () => void }).gc?.();
    parentPort?.postMessage('settled');
  }
  if (message === 'report') parentPort?.postMessage(arrivals.splice(0));
  if (message === 'close') void Promise.all(clients.map(async (client) => client.dispose())).then(() => parentPort?.postMessage('closed'));
});
