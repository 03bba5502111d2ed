// Stands in for @apollo/utils.createhash in the CLI bundle (scripts/build-cli-bundle.mjs). Apollo's
// module picks Node's crypto through `module.require`, which a bundled module does not have, and
// otherwise falls back to sha.js: every GraphQL request then hashed its query in JavaScript.
// Apollo hashes one string at a time (`update(text).digest('hex')`): Node's one-shot `hash` does
// that without a Hash object, where it exists (Node >= 20.12); anything else gets a real Hash.
import * as crypto from 'node:crypto';

const oneShot = typeof crypto.hash === 'function' ? crypto.hash : null;

export function createHash(kind) {
  if (oneShot === null) return crypto.createHash(kind);
  const chunks = [];
  let hash = null;
  const real = () => {
    hash ??= crypto.createHash(kind);
    for (const chunk of chunks.splice(0)) hash.update(chunk);
    return hash;
  };
  return {
    update(data, encoding) {
      if (hash === null && typeof data === 'string' && encoding === undefined && chunks.length === 0) chunks.push(data);
      else real().update(data, encoding);
      return this;
    },
    digest(encoding) {
      if (hash === null && chunks.length === 1 && (encoding === 'hex' || encoding === 'base64')) return oneShot(kind, chunks[0], encoding);
      return real().digest(encoding);
    },
  };
}
