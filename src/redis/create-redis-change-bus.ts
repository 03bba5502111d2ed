/**
 * The change bus of replicas: Redis pub/sub on one channel, a dedicated subscriber connection.
 * The publishing replica's own listeners are called synchronously, once (its own message coming
 * back from Redis is recognised by its origin and dropped); the other replicas' listeners when the
 * message arrives, in publish order. While Redis is away, changes reach this replica's listeners
 * only (loud logs); the subscription comes back with the connection.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createLocalChangeBus } from '../changes/create-local-change-bus.js';
import type { ChangeBus, ChangeEvent } from '../changes/types.js';
import type { RedisLink } from './create-redis-link.js';
import { parseChangeEvent } from './parse-change-event.js';
import { readEnvelope } from './read-envelope.js';
import { createRedisFailureReporter } from './redis-failure-reporter.js';

export interface RedisChangeBusOptions {
  readonly link: RedisLink;
  readonly onListenerError?: (error: unknown, event: ChangeEvent) => void;
  readonly logger?: Logger | undefined;
}

export interface RedisChangeBus extends ChangeBus {
  /** Resolves once the subscription is in place (other replicas' changes arrive from then on). */
  subscribed(): Promise<void>;
}

export function createRedisChangeBus(options: RedisChangeBusOptions): RedisChangeBus {
  const { link } = options;
  const channel = `${link.keyPrefix}changes`;
  const origin = randomUUID();
  const local = createLocalChangeBus(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError });
  const report = createRedisFailureReporter(link, options.logger, 'changes');
  const subscriber = link.createSubscriber();
  const subscription = subscriber.subscribe(channel).then(
    () => undefined,
    (error: unknown) => report('subscribe', error),
  );
  subscriber.on('message', (_channel: string, message: string) => {
    const event = decode(message, origin);
    if (event !== null) local.publish(event);
  });
  return {
    publish(event) {
      local.publish(event);
      if (!link.isReady()) {
        report('publish', new Error('not connected'));
        return;
      }
      link.client.publish(channel, JSON.stringify({ origin, event })).catch((error: unknown) => report('publish', error));
    },
    subscribe: (listener) => local.subscribe(listener),
    subscribed: () => subscription,
    async close() {
      subscriber.disconnect();
      await local.close();
    },
  };
}

function decode(message: string, self: string): ChangeEvent | null {
  const event = readEnvelope(message, self, 'event');
  return event === null ? null : parseChangeEvent(event);
}
