/** The endpoint's own credentials (BJET stores them on the endpoint configuration, not on a user). */
import { timingSafeEqual } from 'node:crypto';
import type { SimAuth } from '../types.js';

export function checkAuth(auth: SimAuth, header: string | undefined): boolean {
  switch (auth.type) {
    case 'none':
      return true;
    case 'bearer':
      return header !== undefined && /^Bearer /i.test(header) && safeEqual(header.slice(7).trim(), auth.token);
    case 'basic': {
      if (header === undefined || !/^Basic /i.test(header)) return false;
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 && safeEqual(decoded.slice(0, colon), auth.login) && safeEqual(decoded.slice(colon + 1), auth.password);
    }
  }
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
