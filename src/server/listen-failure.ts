/** A failed `listen` as the error the CLI reports: LISTEN_FAILED for what the operator can fix, else the error itself. */
import { BjetError } from '../errors/bjet-error.js';
import { errnoCode } from '../shared/guards.js';

export function listenFailure(error: unknown, port: number, host: string): unknown {
  const code = errnoCode(error);
  if (code === 'EADDRINUSE') return new BjetError('LISTEN_FAILED', `port ${port} on ${host} is already in use`, { cause: error });
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new BjetError('LISTEN_FAILED', `cannot listen on ${host}:${port} (${code})`, { cause: error });
  }
  return error;
}

/** `http://host:port` of a bound server, with the port actually bound. */
export function originOf(address: ReturnType<import('node:net').Server['address']>, port: number, host: string): string {
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
}
