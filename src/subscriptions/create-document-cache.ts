/**
 * Parsed and validated subscription documents by their text, so the thousand subscribers of one
 * operation share one document (one parse, one validation, one printed share key in
 * run-subscription.ts) instead of holding a thousand copies. Bounded like the HTTP document store
 * (`server.documentCache`: entries, and bytes counted as the texts' length): past either bound the
 * oldest text is forgotten. A document that does not parse or validate is kept with its errors.
 * The operation limits (`server.limits`) are checked as over HTTP, with the same parse options and
 * rules: they depend on the text only, so a refused text is kept as refused, never as valid.
 */
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { LimitOptions } from '../server/limits/build-limit-options.js';

export type ParsedDocument = { readonly kind: 'ok'; readonly document: DocumentNode } | { readonly kind: 'invalid'; readonly errors: readonly GraphQLError[] };

export type DocumentCache = (query: string) => ParsedDocument;

function parseAndValidate(schema: GraphQLSchema, limits: LimitOptions, query: string): ParsedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, limits.parseOptions);
  } catch (error) {
    return { kind: 'invalid', errors: [error instanceof GraphQLError ? error : new GraphQLError('The document could not be parsed.')] };
  }
  // Apollo's order (specified rules, then ours): the limit guard hides a refused document from all of them.
  const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
  return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'ok', document };
}

export function createDocumentCache(
  schema: GraphQLSchema,
  limits: LimitOptions,
  bounds: { readonly maxEntries: number; readonly maxBytes: number },
): DocumentCache {
  const documents = new Map<string, ParsedDocument>();
  let bytes = 0;
  return (query) => {
    const known = documents.get(query);
    if (known !== undefined) return known;
    const parsed = parseAndValidate(schema, limits, query);
    for (const oldest of documents.keys()) {
      if (documents.size < bounds.maxEntries && bytes + query.length <= bounds.maxBytes) break;
      documents.delete(oldest);
      bytes -= oldest.length;
    }
    documents.set(query, parsed);
    bytes += query.length;
    return parsed;
  };
}
