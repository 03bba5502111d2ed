/**
 * GraphQL subscriptions over WebSocket at /graphql on the server's own port (the
 * graphql-transport-ws protocol of graphql-ws, the one Apollo Router speaks to subgraphs). Limits,
 * each with its code (docs/change-feed.md): subscriptions per connection and per server
 * (SUBSCRIPTION_LIMIT on that subscription), no `connection_init` in time (close 4408), a message
 * over the size limit (close 1009), a consumer `maxQueuedEvents` behind (close 4503), a missed
 * keep-alive pong (the socket is terminated). The operation limits and the budget of HTTP
 * operations apply at subscribe time, with HTTP's codes. Queries and mutations stay on HTTP.
 */
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { ChangeBus } from '../changes/types.js';
import type { Config } from '../config/types.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import type { CostEstimator } from '../execution/estimate-cost.js';
import type { Logger } from '../logging/create-logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { FormatError } from '../server/build-format-error.js';
import type { UpstreamClient } from '../upstream/types.js';
import { createChangeReader } from './create-change-reader.js';
import { createChangeTopics } from './create-change-topics.js';
import { buildProtocolOptions } from './build-protocol-options.js';
import { createSubscriptionContexts } from './create-subscription-contexts.js';

const SLOW_CONSUMER_CLOSE = 4503;
const GRAPHQL_PATH = '/graphql';

export interface SubscriptionServerOptions {
  readonly server: Server;
  readonly schema: GraphQLSchema;
  readonly config: Config;
  readonly client: UpstreamClient;
  readonly index: TypeIndex;
  readonly bus: ChangeBus;
  readonly logger: Logger;
  /** The server's error formatting (stable codes kept, anything else masked and logged). */
  readonly formatError: FormatError;
  /** The static REST-call estimate HTTP operations are checked with against `server.budget`. */
  readonly estimate: CostEstimator;
  /** Where refusals by an operation limit or the budget are counted, as over HTTP. */
  readonly metrics: Metrics | null;
  /** Epoch-ms clock of the eager-refresh budget and the reads' deadlines (default `Date.now`). */
  readonly now?: () => number;
}

export interface SubscriptionServer {
  /** Subscriptions active now, on every connection. */
  active(): number;
  /** Distinct change topics now: subscribers of one record (or list filter) in one credential partition share one. */
  topics(): number;
  /** Closes every connection with 1001 (going away), then the WebSocket server; a second call waits for the first. */
  close(): Promise<void>;
}

export function registerSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { config, logger } = options;
  const limits = config.subscriptions;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const onUpgrade = (request: Parameters<WebSocketServer['handleUpgrade']>[0], socket: Parameters<WebSocketServer['handleUpgrade']>[1], head: Buffer): void => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== GRAPHQL_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);
  const reader = createChangeReader(options.client, config, options.now);
  const topics = createChangeTopics(options.bus, reader);
  const contexts = createSubscriptionContexts({
    config,
    index: options.index,
    reader,
    topics,
    client: options.client,
    slowConsumerClose: SLOW_CONSUMER_CLOSE,
  });
  const disposable = useServer(buildProtocolOptions(options, contexts), wss, limits.keepAliveMs);
  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    options.server.off('upgrade', onUpgrade);
    const leaving = [...wss.clients].map((client) => new Promise<void>((resolve) => client.once('close', () => resolve())));
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    const dispose = disposable.dispose();
    await Promise.race([Promise.all(leaving), grace]);
    for (const client of wss.clients) client.terminate();
    await dispose;
    logger.debug({}, 'subscriptions closed');
  };
  return {
    active: () => contexts.active(),
    topics: () => topics.size(),
    // Once: a reloading server closes a generation's WebSockets first and the generation later.
    close: () => (closing ??= close()),
  };
}
