/**
 * The one logger factory: every part of the product logs through a logger made here, so the
 * redaction of scrub-secrets.ts applies everywhere (to logged objects and to child bindings).
 */
import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Level, type Logger } from 'pino';
import { scrubSecrets } from './scrub-secrets.js';

export type { Logger } from 'pino';

interface LoggerOptions {
  /** Minimum level (default `info`); `silent` logs nothing. */
  readonly level?: Level | 'silent';
  /** Where lines go (default stdout). Tests pass a stream to capture them. */
  readonly destination?: DestinationStream;
  /** Bound to every line, e.g. `{ component: 'upstream' }`. */
  readonly base?: Readonly<Record<string, unknown>>;
}

/** Longest a buffered line waits before it is written. */
const FLUSH_EVERY_MS = 200;

/**
 * Stdout, written asynchronously in chunks of at least 4 KB or every FLUSH_EVERY_MS: one write
 * system call per line is a visible share of a simple operation's CPU (docs/decisions/0003). pino flushes what is left when the process exits, crash
 * included (sonic-boom's exit hook).
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // Destroyed (stdout closed): nothing left to write to.
    }
  }, FLUSH_EVERY_MS).unref();
  return stream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pinoOptions = {
    level: options.level ?? 'info',
    base: options.base === undefined ? null : { ...options.base },
    formatters: { log: scrubSecrets, bindings: scrubSecrets },
  };
  const destination = options.destination ?? bufferedStdout();
  const logger = pino(pinoOptions, destination);
  // pino passes a child's bindings through no formatter of ours; every child (and its children,
  // which inherit this own property) is made through this wrapper instead.
  const makeChild = logger.child as unknown as (this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions) => Logger;
  logger.child = function (this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions) {
    return makeChild.call(this, scrubSecrets(bindings), childOptions);
  } as unknown as Logger['child'];
  return logger;
}
