import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createBoundedStore, documentBytes, DOCUMENT_BYTES_PER_CHAR, textBytes } from '../../../src/server/create-bounded-store.js';

describe('createBoundedStore', () => {
  it('keeps at most maxEntries, dropping the least recently used first', async () => {
    const store = createBoundedStore<string>({ maxEntries: 2, maxBytes: 1_000_000 }, textBytes);
    await store.set('a', 'A');
    await store.set('b', 'B');
    expect(await store.get('a')).toBe('A');
    await store.set('c', 'C');
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('A');
    expect(store.stats.entries).toBe(2);
  });

  it('keeps at most maxBytes by the size estimate, and never an entry larger than the whole bound', async () => {
    const store = createBoundedStore<string>({ maxEntries: 100, maxBytes: 100 }, textBytes);
    for (const key of ['a', 'b', 'c', 'd']) await store.set(key, 'x'.repeat(20));
    expect(store.stats).toEqual({ entries: 2, bytes: 80 });
    await store.set('huge', 'x'.repeat(51));
    expect(await store.get('huge')).toBeUndefined();
    expect(store.stats.bytes).toBeLessThanOrEqual(100);
  });

  it('estimates a parsed document from its source length', () => {
    const source = '{ partners { items { id } } }';
    expect(documentBytes(parse(source))).toBe(source.length * DOCUMENT_BYTES_PER_CHAR);
  });
});
