/** Small helpers shared by `serve` and `demo`. */
import closeWithGrace from 'close-with-grace';
import type { Logger } from '../../logging/create-logger.js';

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`invalid port "${text}" (expected 0 to 65535)`);
  return port;
}

/** Time `stop` gets beyond the grace period (closing Apollo and the upstream pools) before the hard exit. */
const STOP_MARGIN_MS = 5_000;

/** Only SIGINT and SIGTERM stop gracefully; the rest keep Node's behaviour (errors crash, as before). */
const NOT_HANDLED: closeWithGrace.AllEvents[] = [
  'SIGHUP',
  'SIGQUIT',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGSEGV',
  'SIGUSR2',
  'uncaughtException',
  'unhandledRejection',
];

/**
 * On the first SIGINT or SIGTERM runs `stop` (the server drains within `graceMs`), then exits 0.
 * A second signal, or a `stop` still running `STOP_MARGIN_MS` after the grace period, exits 1 at
 * once (close-with-grace). The process ends there, so the returned promise never settles.
 */
export function exitAfterStopOnSignal(graceMs: number, logger: Logger, stop: () => Promise<unknown>): Promise<never> {
  closeWithGrace({ delay: graceMs + STOP_MARGIN_MS, logger, skip: NOT_HANDLED }, async ({ signal }) => {
    logger.info({ signal, graceMs }, 'stopping: draining connections');
    await stop();
  });
  return new Promise<never>(() => {});
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where to listen: the flag, else the `PORT`/`HOST` environment variable (containers set them), else the default. */
export function resolveListen(
  flags: { readonly port?: string | undefined; readonly host?: string | undefined },
  env: Env,
  defaults: { readonly port: number; readonly host: string },
): { readonly port: number; readonly host: string } {
  const portText = flags.port ?? nonEmpty(env['PORT']);
  return { port: portText === undefined ? defaults.port : parsePort(portText), host: flags.host ?? nonEmpty(env['HOST']) ?? defaults.host };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
