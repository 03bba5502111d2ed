/**
 * The one Redis connection of a replica (plus one subscriber connection per bus): commands fail
 * fast instead of queueing while Redis is away (no offline queue, no resend), so every caller
 * falls back to its local state at once; the client reconnects on its own, at most a second apart.
 * The URL carries credentials: it is never logged, only the state and the error's code.
 */
import type { ConnectionOptions } from 'node:tls';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisConfig } from '../config/types.js';
import { createRedisStats, type RedisStats } from './create-redis-stats.js';
import { readRedisTls } from './read-redis-tls.js';

export interface RedisHealth {
  readonly status: 'connected' | 'down';
  /** Epoch ms of the last change of status. */
  readonly since: number;
  /** Code (or short message) of the last connection error, never the URL. */
  readonly lastError: string | null;
}

export interface RedisLink {
  readonly client: Redis;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  /** Connected and not judged slow in the last second. */
  isReady(): boolean;
  /**
   * A command failed or timed out while connected: callers go on without Redis for a second,
   * so a slow Redis costs one command timeout a second, not one per call.
   */
  noteFailure(): void;
  health(): RedisHealth;
  /** Failed commands and fallbacks to local state so far (for the metrics). */
  readonly stats: RedisStats;
  /** Called on every (re)connection after the first one went down. Returns the unsubscribe function. */
  onRecovered(listener: () => void): () => void;
  /** A new connection for SUBSCRIBE (a subscribed connection takes no other command). */
  createSubscriber(): Redis;
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  readonly logger?: Logger | undefined;
  readonly now?: () => number;
}

/** Longest pause between reconnection attempts: recovery comes within about this much. */
const MAX_RECONNECT_DELAY_MS = 1000;
/** How long callers skip Redis after a failed command. */
const SKIP_AFTER_FAILURE_MS = 1000;

function redisOptions(config: RedisConfig, tls: ConnectionOptions | undefined): RedisOptions {
  return {
    // A rediss:// URL alone turns TLS on with Node's built-in CAs; `redis.tls` adds its files.
    ...(tls === undefined ? {} : { tls }),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: config.commandTimeoutMs,
    connectTimeout: config.connectTimeoutMs,
    retryStrategy: (times: number) => Math.min(100 * times, MAX_RECONNECT_DELAY_MS),
  };
}

export function errorLabel(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : error.message.slice(0, 120);
  }
  return 'unknown error';
}

export function createRedisLink(config: RedisConfig, options: RedisLinkOptions = {}): RedisLink {
  const now = options.now ?? Date.now;
  const logger = options.logger?.child({ component: 'redis' });
  const tls = config.tls === null ? undefined : readRedisTls(config.tls);
  const client = new Redis(config.url, redisOptions(config, tls));
  const subscribers = new Set<Redis>();
  const recovered = new Set<() => void>();
  const stats = createRedisStats();
  let health: RedisHealth = { status: 'down', since: now(), lastError: null };
  let wentDown = false;
  let skipUntil = -Infinity;
  client.on('ready', () => {
    // A new connection: the failures that made callers skip Redis were the old one's.
    skipUntil = -Infinity;
    health = { status: 'connected', since: now(), lastError: null };
    logger?.info({ redis: 'connected', recovered: wentDown }, wentDown ? 'redis is back: shared state again' : 'redis connected');
    if (!wentDown) return;
    for (const listener of [...recovered]) listener();
  });
  let warnedAtStart = false;
  client.on('error', (error: unknown) => {
    health = { ...health, lastError: errorLabel(error) };
    if (wentDown || warnedAtStart || health.status === 'connected') return;
    warnedAtStart = true;
    stats.fellBack('disconnected');
    logger?.error({ redis: 'down', error: health.lastError }, 'redis unreachable: cache local tier only, local rate limits at 1/N, changes local only');
  });
  client.on('close', () => {
    if (health.status !== 'connected') return;
    wentDown = true;
    stats.fellBack('disconnected');
    health = { status: 'down', since: now(), lastError: health.lastError };
    logger?.error({ redis: 'down' }, 'redis connection lost: cache local tier only, local rate limits at 1/N, changes local only');
  });
  return {
    client,
    keyPrefix: config.keyPrefix,
    commandTimeoutMs: config.commandTimeoutMs,
    isReady: () => client.status === 'ready' && now() >= skipUntil,
    noteFailure() {
      if (client.status === 'ready' && now() >= skipUntil) stats.fellBack('command-failed');
      skipUntil = now() + SKIP_AFTER_FAILURE_MS;
    },
    health: () => health,
    stats,
    onRecovered(listener) {
      recovered.add(listener);
      return () => void recovered.delete(listener);
    },
    createSubscriber() {
      // SUBSCRIBE waits for the connection however long Redis is away at start (it is only
      // resubscribed after a reconnection once it succeeded), instead of failing.
      const subscriber = new Redis(config.url, {
        ...redisOptions(config, tls),
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
        commandTimeout: undefined,
      });
      subscriber.on('error', () => undefined);
      subscribers.add(subscriber);
      subscriber.once('end', () => subscribers.delete(subscriber));
      return subscriber;
    },
    async close() {
      recovered.clear();
      for (const subscriber of subscribers) subscriber.disconnect();
      client.disconnect();
    },
  };
}
