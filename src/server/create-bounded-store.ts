/**
 * A key-value store for Apollo (its `documentStore` of parsed and validated documents, and its
 * `cache` of persisted-query texts) bounded by entries and by estimated heap bytes, on lru-cache.
 * Apollo's default store is bounded by the JSON length of each document, which undercounts the
 * heap a parsed document holds several times over and costs a `JSON.stringify` per new document.
 */
import { LRUCache } from 'lru-cache';
import type { DocumentNode } from 'graphql';
import type { DocumentCacheConfig } from '../config/types.js';

/**
 * Heap bytes per source character: a parsed document with locations, measured at 60-70 bytes per
 * character for alias-dense documents (bench/hostile.ts); rounded up so the bound errs low.
 */
export const DOCUMENT_BYTES_PER_CHAR = 100;

export interface BoundedStore<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Entries and estimated bytes held, for tests and the benchmark. */
  readonly stats: { readonly entries: number; readonly bytes: number };
}

export function createBoundedStore<V extends object | string>(bounds: DocumentCacheConfig, sizeOf: (value: V) => number): BoundedStore<V> {
  const cache = new LRUCache<string, V>({
    max: bounds.maxEntries,
    maxSize: bounds.maxBytes,
    // An entry larger than the whole budget is not kept at all (lru-cache refuses it).
    sizeCalculation: (value) => Math.max(1, Math.ceil(sizeOf(value))),
  });
  return {
    async get(key) {
      return cache.get(key);
    },
    async set(key, value) {
      cache.set(key, value);
    },
    async delete(key) {
      return cache.delete(key);
    },
    get stats() {
      return { entries: cache.size, bytes: cache.calculatedSize };
    },
  };
}

/** Estimated heap of a parsed document: its source length times the measured factor. */
export function documentBytes(document: DocumentNode): number {
  return (document.loc?.source.body.length ?? 1000) * DOCUMENT_BYTES_PER_CHAR;
}

/** A string in V8 takes one or two bytes per character; two errs low. */
export function textBytes(text: string): number {
  return text.length * 2;
}
