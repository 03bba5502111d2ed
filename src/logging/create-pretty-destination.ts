/**
 * Human-readable log lines (pino-pretty) for a person at a terminal, written to `fd`. Loaded only
 * when asked for, so that a server writing JSON never pays for the module.
 */
import type { DestinationStream } from 'pino';

export async function createPrettyDestination(fd: number): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({ destination: fd, colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' });
}
