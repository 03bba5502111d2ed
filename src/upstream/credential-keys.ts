/**
 * Names a credential without keeping it: the HMAC-SHA256 of the `Authorization` value under a
 * configured or per-process random secret. Cache partitions and the hourly rate-limit buckets are
 * keyed by these names, so a header never becomes a map key, a log field or a store key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CallContext } from './types.js';

/** The partition / credential name of every call made with the configured service credentials. */
export const SERVICE_KEY = 'service';

export class CredentialKeys {
  private readonly secret: string | Buffer;
  /** One HMAC per operation, however many calls it makes. */
  private readonly perOperation = new WeakMap<CallContext, string>();

  constructor(secret: string | null) {
    this.secret = secret ?? randomBytes(32);
  }

  /** `<prefix>:<32 hex>`: 128 bits of the HMAC, plenty to tell credentials apart. */
  hash(prefix: string, value: string): string {
    return `${prefix}:${createHmac('sha256', this.secret).update(value).digest('hex').slice(0, 32)}`;
  }

  /** The key of a user's forwarded `Authorization` header (`u:anonymous` without one). */
  ofUser(ctx: CallContext): string {
    let key = this.perOperation.get(ctx);
    if (key === undefined) {
      key = ctx.authorization === undefined ? 'u:anonymous' : this.hash('u', ctx.authorization);
      this.perOperation.set(ctx, key);
    }
    return key;
  }
}
