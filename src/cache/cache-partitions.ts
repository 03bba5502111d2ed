/**
 * Which partition a read is in, and what this process knows of the service partitions: the
 * credential's partition (the keyed hash for `forward` auth, one shared key for service
 * credentials) plus the forwarded headers (e.g. `accept-language`) when there are any, since the
 * in-flight sharing treats them as part of the request, and so does the cache. The service
 * partitions seen are remembered (bounded) so that a pushed record can be compared with, and put
 * in, every one of them.
 */
import { SERVICE_KEY, type CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamRecord } from '../upstream/types.js';
import { isList } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { sameRecord } from './list-patches.js';
import type { CacheStore } from './types.js';

/** Beyond this many sets of forwarded headers, a pushed record is simply dropped. */
const MAX_SERVICE_PARTITIONS = 64;

export class CachePartitions {
  /** The service partitions seen (one per set of forwarded headers), with those headers; bounded. */
  private readonly service = new Map<string, Readonly<Record<string, string>>>();
  /** An operation's partitions, worked out once (its calls all carry the same context). */
  private readonly byContext = new WeakMap<CallContext, { service: string; personal: string | undefined }>();

  constructor(
    private readonly credentials: CredentialKeys,
    private readonly store: CacheStore,
    private readonly now: () => number,
  ) {}

  of(settings: EndpointCacheSettings, ctx: CallContext): string {
    let known = this.byContext.get(ctx);
    if (known === undefined) {
      known = { service: SERVICE_KEY + headersSuffix(ctx.forwardedHeaders), personal: undefined };
      this.byContext.set(ctx, known);
      if (this.service.size < MAX_SERVICE_PARTITIONS && !this.service.has(known.service)) this.service.set(known.service, ctx.forwardedHeaders ?? {});
    }
    if (!settings.personal) return known.service;
    known.personal ??= this.credentials.ofUser(ctx) + headersSuffix(ctx.forwardedHeaders);
    return known.personal;
  }

  /** The service partitions seen, while they can all be told (null past the bound). */
  serviceSeen(): ReadonlySet<string> | null {
    return this.service.size >= MAX_SERVICE_PARTITIONS ? null : new Set(this.service.keys());
  }

  /** The forwarded headers of a service partition seen (what a read in it must send). */
  headersOf(partition: string): Readonly<Record<string, string>> | undefined {
    return this.service.get(partition);
  }

  /**
   * Whether the service partitions hold this record exactly as given and no other version of it
   * (fresh or stale; the in-process tier only, no store round trip).
   */
  hold(endpoint: string, id: string, record: UpstreamRecord): boolean {
    const get = this.store.getSync;
    if (get === undefined || this.service.size >= MAX_SERVICE_PARTITIONS) return false;
    let found = false;
    for (const partition of this.service.keys()) {
      const entry = get({ kind: 'record', endpoint, partition, id });
      if (entry === undefined || !(this.now() < entry.staleUntil)) continue;
      if (entry.value === null || isList(entry.value) || !sameRecord(entry.value, record)) return false;
      found = true;
    }
    return found;
  }

  /**
   * The versions of a record the service partitions hold in this process, by partition (fresh,
   * stale or expired: each says what the record was); null when that cannot be told (no in-process
   * tier, too many partitions) or one holds it as absent.
   */
  heldVersions(endpoint: string, id: string): Map<string, UpstreamRecord> | null {
    const get = this.store.getSync;
    if (get === undefined || this.service.size >= MAX_SERVICE_PARTITIONS) return null;
    const held = new Map<string, UpstreamRecord>();
    for (const partition of this.service.keys()) {
      const entry = get({ kind: 'record', endpoint, partition, id });
      if (entry === undefined) continue;
      if (entry.value === null || isList(entry.value)) return null;
      held.set(partition, entry.value);
    }
    return held;
  }
}

function headersSuffix(headers: Readonly<Record<string, string>> | undefined): string {
  if (headers === undefined) return '';
  const names = Object.keys(headers);
  if (names.length === 0) return '';
  names.sort();
  return names.map((name) => `;${name}=${encodeURIComponent(headers[name] ?? '')}`).join('');
}
