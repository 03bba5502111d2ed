/** The log level: `LOG_LEVEL` from the environment when set, else the config's `server.logLevel`. */
import type { LogLevel } from '../config/types.js';
import { BjetError } from '../errors/bjet-error.js';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function isLogLevel(value: string): value is LogLevel {
  return (LEVELS as readonly string[]).includes(value);
}

export function resolveLogLevel(fromEnv: string | undefined, configured: LogLevel): LogLevel {
  if (fromEnv === undefined || fromEnv === '') return configured;
  const level = fromEnv.toLowerCase();
  if (isLogLevel(level)) return level;
  throw new BjetError('CONFIG_INVALID', `LOG_LEVEL="${fromEnv}" is not a log level (expected one of ${LEVELS.join(', ')})`);
}
