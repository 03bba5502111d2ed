/**
 * The webhook's credentials: the Authorization header the outbound configuration sends (Bearer or
 * Basic), and optionally an HMAC-SHA256 of the raw body. Every comparison is in constant time over
 * digests of equal length, so neither a wrong length nor a wrong prefix answers faster.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEndpointSettings } from './resolve-webhook-endpoint.js';

type AuthSettings = Pick<WebhookEndpointSettings, 'auth' | 'hmacSecret' | 'signatureHeader'>;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function sameText(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function expectedAuthorization(config: AuthSettings): string {
  const { auth } = config;
  return auth.type === 'bearer' ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}`;
}

function signatureMatches(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (header === undefined) return false;
  const given = header
    .trim()
    .replace(/^sha256=/i, '')
    .toLowerCase();
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  return sameText(given, expected);
}

export function checkWebhookAuth(config: AuthSettings, headers: Readonly<Record<string, string | string[] | undefined>>, raw: Buffer): boolean {
  const authorization = headers['authorization'];
  const authorized = typeof authorization === 'string' && sameText(authorization.trim(), expectedAuthorization(config));
  if (config.hmacSecret === null) return authorized;
  const signature = headers[config.signatureHeader];
  // Both checked, so the answer's timing does not tell which one failed.
  const signed = signatureMatches(config.hmacSecret, raw, typeof signature === 'string' ? signature : undefined);
  return authorized && signed;
}
