import { createHash as nodeCreateHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHash } from '../../../scripts/bundle-shims/apollo-createhash.mjs';

const reference = (kind: string, parts: readonly (string | Buffer)[]): Buffer => {
  const hash = nodeCreateHash(kind);
  for (const part of parts) hash.update(part);
  return hash.digest();
};

describe('the bundle’s stand-in for @apollo/utils.createhash', () => {
  it('hashes one string as Node does, in hex and base64', () => {
    for (const text of ['{ partners(limit: 20) { items { id } } }', '', 'é ü 漢字']) {
      expect(createHash('sha256').update(text).digest('hex')).toBe(reference('sha256', [text]).toString('hex'));
      expect(createHash('sha256').update(text).digest('base64')).toBe(reference('sha256', [text]).toString('base64'));
    }
  });

  it('hashes several parts, buffers, other kinds and raw digests as Node does', () => {
    expect(createHash('sha256').update('ab').update('cd').digest('hex')).toBe(reference('sha256', ['ab', 'cd']).toString('hex'));
    expect(
      createHash('sha256')
        .update(Buffer.from([0, 1, 2]))
        .digest('hex'),
    ).toBe(reference('sha256', [Buffer.from([0, 1, 2])]).toString('hex'));
    expect(createHash('sha1').update('x').digest('hex')).toBe(reference('sha1', ['x']).toString('hex'));
    expect(
      createHash('sha256')
        .update('x')
        .digest()
        .equals(reference('sha256', ['x'])),
    ).toBe(true);
    expect(createHash('sha256').digest('hex')).toBe(reference('sha256', []).toString('hex'));
  });
});
