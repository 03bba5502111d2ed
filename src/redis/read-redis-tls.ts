/**
 * The TLS options of a `rediss://` connection: the PEM files named by `redis.tls`, read once when
 * the link is made. A file that cannot be read is CONFIG_INVALID naming the setting and the path
 * (a path is not a secret; the files' contents are never logged).
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { RedisTlsConfig } from '../config/types.js';
import { configInvalid } from '../config/parse-config.js';
import { errnoCode } from '../shared/guards.js';

export function readRedisTls(tls: RedisTlsConfig): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (tls.caFile !== null) options.ca = read('caFile', tls.caFile);
  if (tls.certFile !== null) options.cert = read('certFile', tls.certFile);
  if (tls.keyFile !== null) options.key = read('keyFile', tls.keyFile);
  return options;
}

function read(key: keyof RedisTlsConfig, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw configInvalid(null, [
      { path: `redis.tls.${key}`, message: `cannot read ${file} (${errnoCode(error) ?? 'unreadable'}): give the path of a PEM file` },
    ]);
  }
}
