import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildLimitOptions } from '../../../src/server/limits/build-limit-options.js';
import { createDocumentCache } from '../../../src/subscriptions/create-document-cache.js';

const schema = buildSchema('type Query { a: Int } type Subscription { changed(id: ID!): Int }');
const ONE = 'subscription { changed(id: "1") }';
const TWO = 'subscription { changed(id: "2") }';
const LIMITS = buildLimitOptions({
  depth: 10,
  aliases: 2,
  rootFields: 10,
  directives: 20,
  tokens: 40,
  fields: 200,
  stringLength: 1000,
  listLength: 100,
  urlBytes: 4096,
});

describe('createDocumentCache', () => {
  it('parses and validates a text once: the same text gets the same document', () => {
    const documents = createDocumentCache(schema, LIMITS, { maxEntries: 10, maxBytes: 10_000 });
    const first = documents(ONE);
    expect(first.kind).toBe('ok');
    expect(documents(ONE)).toBe(first);
  });

  it('keeps a document that does not parse or validate with its errors', () => {
    const documents = createDocumentCache(schema, LIMITS, { maxEntries: 10, maxBytes: 10_000 });
    const broken = documents('subscription { changed(');
    const invalid = documents('subscription { nope }');
    expect(broken.kind === 'invalid' && broken.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Syntax Error/)]);
    expect(invalid.kind === 'invalid' && invalid.errors.map((e) => e.message)).toEqual(['Cannot query field "nope" on type "Subscription".']);
    expect(documents('subscription { nope }')).toBe(invalid);
  });

  it('forgets the oldest text past maxEntries or maxBytes', () => {
    const byEntries = createDocumentCache(schema, LIMITS, { maxEntries: 1, maxBytes: 10_000 });
    const one = byEntries(ONE);
    byEntries(TWO);
    expect(byEntries(ONE)).not.toBe(one);
    const byBytes = createDocumentCache(schema, LIMITS, { maxEntries: 10, maxBytes: ONE.length + TWO.length - 1 });
    const kept = byBytes(ONE);
    expect(byBytes(ONE)).toBe(kept);
    byBytes(TWO);
    expect(byBytes(ONE)).not.toBe(kept);
  });

  it('checks the operation limits and keeps a refused text as refused, never as valid', () => {
    const documents = createDocumentCache(schema, LIMITS, { maxEntries: 10, maxBytes: 10_000 });
    const aliased = 'subscription { a: changed(id: "1") b: changed(id: "1") c: changed(id: "1") }';
    const refused = documents(aliased);
    expect(refused.kind === 'invalid' && refused.errors.map((e) => e.message)).toEqual(['Aliases limit of 2 exceeded, found 3.']);
    expect(documents(aliased)).toBe(refused);
    const long = documents(`subscription { changed(id: "1") ${'# pad\n'.repeat(50)} }`);
    expect(long.kind).toBe('ok');
    const tokens = documents(`subscription { changed(id: "1") ${'a: changed(id: "1") '.repeat(8)} }`);
    expect(tokens.kind === 'invalid' && tokens.errors.map((e) => e.message)).toEqual([expect.stringMatching(/more tha[nt] 40 tokens/)]);
  });
});
