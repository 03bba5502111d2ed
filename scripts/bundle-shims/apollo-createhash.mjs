// Stands in for @apollo/utils.createhash in the CLI bundle (scripts/build-cli-bundle.mjs). Apollo's
// module picks Node's crypto through `module.require`, which a bundled module does not have, and
// otherwise falls back to sha.js: every GraphQL request then hashed its query in JavaScript.
import { createHash as nodeCreateHash } from 'node:crypto';

export function createHash(kind) {
  return nodeCreateHash(kind);
}
