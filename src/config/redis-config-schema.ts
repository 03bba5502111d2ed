/**
 * The config file's `redis:` section (shared state for replicas) and `server.replicas`, kept apart
 * from config-file-schema.ts so the sections other parts add do not collide with it. The URL may
 * carry a password (`redis://user:pass@host`): no issue message repeats it.
 */
import { z } from 'zod';

const positiveInt = z.int().min(1);

/** `redis://` or `rediss://` (TLS); the message never echoes the value. */
const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be a redis:// or rediss:// URL with a host (user and password, if any, in the URL)' },
);

const pemFile = z.string().min(1, 'must be the path of a PEM file (relative to the config file)');

/** TLS files of a `rediss://` connection; a client certificate comes with its key. */
const redisTlsSchema = z
  .strictObject({ caFile: pemFile.optional(), certFile: pemFile.optional(), keyFile: pemFile.optional() })
  .refine((tls) => (tls.certFile === undefined) === (tls.keyFile === undefined), {
    message: 'certFile and keyFile go together (a client certificate and its key)',
  });

export const redisSchema = z
  .strictObject({
    url: redisUrl,
    keyPrefix: z.string().min(1).max(64).optional(),
    commandTimeoutMs: positiveInt.optional(),
    connectTimeoutMs: positiveInt.optional(),
    localMaxEntries: positiveInt.optional(),
    localMaxBytes: positiveInt.optional(),
    tls: redisTlsSchema.optional(),
  })
  .refine((redis) => redis.tls === undefined || redis.url.toLowerCase().startsWith('rediss:'), {
    message: 'TLS settings need a rediss:// URL',
    path: ['tls'],
  });

/** `server.replicas`: how many replicas share the vendor's limits (each falls back to 1/N). */
export const replicasSchema = positiveInt.max(1000);

/** `upstream.cache.store`. */
export const cacheStoreSchema = z.enum(['memory', 'redis']);

export type RedisFile = z.infer<typeof redisSchema>;
