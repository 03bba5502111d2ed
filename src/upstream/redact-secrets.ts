/**
 * The upstream's error text may echo what we sent (a proxy page quoting a header, a script error
 * printing its input). Before it reaches an error message we remove every configured secret, the
 * forwarded credential and anything shaped like an `Authorization` value.
 */
import type { AuthConfig, Config } from '../config/types.js';
import { buildAuthorization } from './build-request.js';

const AUTH_VALUE = /\b(Basic|Bearer)\s+[^\s"',;]+/gi;
/** Longest upstream message kept: enough to act on, too short to carry a page. */
const MAX_MESSAGE_CHARS = 300;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g;

function secretsOf(auth: AuthConfig | null): string[] {
  if (auth === null) return [];
  switch (auth.type) {
    case 'none':
    case 'forward':
      return [];
    case 'basic':
      return [auth.password, buildAuthorization(auth)?.slice('Basic '.length) ?? ''];
    case 'bearer':
      return [auth.token];
  }
}

/** Every configured credential, longest first (so a token containing a password is removed whole). */
export function collectSecrets(config: Config): string[] {
  const all = new Set<string>(secretsOf(config.upstream.auth));
  for (const endpoint of config.endpoints) for (const secret of secretsOf(endpoint.auth)) all.add(secret);
  return [...all].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
}

/** The credential part of a forwarded `Authorization` header (and the header itself). */
export function secretsOfAuthorization(authorization: string | undefined): string[] {
  if (authorization === undefined || authorization === '') return [];
  const space = authorization.indexOf(' ');
  const credential = space === -1 ? '' : authorization.slice(space + 1).trim();
  return credential === '' ? [authorization] : [authorization, credential];
}

/** `text` without secrets or control characters, cut to a readable length. */
export function redactSecrets(text: string, secrets: readonly string[], extra: readonly string[] = []): string {
  const all = extra.length === 0 ? secrets : [...secrets, ...extra].sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of all) if (secret !== '') out = out.split(secret).join('[redacted]');
  out = out.replace(AUTH_VALUE, '$1 [redacted]').replace(CONTROL_CHARS, ' ').trim();
  return out.length > MAX_MESSAGE_CHARS ? `${out.slice(0, MAX_MESSAGE_CHARS)}…` : out;
}
