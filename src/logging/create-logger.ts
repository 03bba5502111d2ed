/**
 * The one logger factory: every part of the product logs through a logger made here, so the
 * redaction below applies everywhere. Callers still never pass headers, bodies or URL queries;
 * redaction is the second line of defence for a credential that slips into a logged object.
 */
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Minimum level (default `info`); `silent` logs nothing. */
  readonly level?: Level | 'silent';
  /** Where lines go (default stdout). Tests pass a stream to capture them. */
  readonly destination?: DestinationStream;
  /** Bound to every line, e.g. `{ component: 'upstream' }`. */
  readonly base?: Readonly<Record<string, unknown>>;
}

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'password',
  'token',
  'accessToken',
  'access_token',
  'apiKey',
  'api_key',
  'secret',
  'cookie',
  'Cookie',
  'set-cookie',
] as const;

/** The secret keys at the top level and up to three levels down (`req.headers.authorization`). */
export function buildRedactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string): string => (segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`);
    paths.push(segment.startsWith('[') ? segment : key, join('*'), join('*.*'), join('*.*.*'));
  }
  return paths;
}

const REDACT_PATHS = buildRedactPaths();

export function createLogger(options: LoggerOptions = {}): Logger {
  const pinoOptions = {
    level: options.level ?? 'info',
    base: options.base === undefined ? null : { ...options.base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
}
