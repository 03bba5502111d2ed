import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDocumentCache } from '../../../src/subscriptions/create-document-cache.js';

const schema = buildSchema('type Query { a: Int } type Subscription { changed(id: ID!): Int }');
const ONE = 'subscription { changed(id: "1") }';
const TWO = 'subscription { changed(id: "2") }';

describe('createDocumentCache', () => {
  it('parses and validates a text once: the same text gets the same document', () => {
    const documents = createDocumentCache(schema, { maxEntries: 10, maxBytes: 10_000 });
    const first = documents(ONE);
    expect(first.kind).toBe('ok');
    expect(documents(ONE)).toBe(first);
  });

  it('keeps a document that does not parse or validate with its errors', () => {
    const documents = createDocumentCache(schema, { maxEntries: 10, maxBytes: 10_000 });
    const broken = documents('subscription { changed(');
    const invalid = documents('subscription { nope }');
    expect(broken.kind === 'invalid' && broken.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Syntax Error/)]);
    expect(invalid.kind === 'invalid' && invalid.errors.map((e) => e.message)).toEqual(['Cannot query field "nope" on type "Subscription".']);
    expect(documents('subscription { nope }')).toBe(invalid);
  });

  it('forgets the oldest text past maxEntries or maxBytes', () => {
    const byEntries = createDocumentCache(schema, { maxEntries: 1, maxBytes: 10_000 });
    const one = byEntries(ONE);
    byEntries(TWO);
    expect(byEntries(ONE)).not.toBe(one);
    const byBytes = createDocumentCache(schema, { maxEntries: 10, maxBytes: ONE.length + TWO.length - 1 });
    const kept = byBytes(ONE);
    expect(byBytes(ONE)).toBe(kept);
    byBytes(TWO);
    expect(byBytes(ONE)).not.toBe(kept);
  });
});
