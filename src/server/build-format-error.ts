/**
 * What a client sees of an error: a BjetError keeps its stable code and safe extensions; errors
 * GraphQL and Apollo made themselves (parse, validation, variable coercion, non-null) keep theirs;
 * anything else is masked as INTERNAL_SERVER_ERROR and its details go to the log only.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/create-logger.js';
import { BjetError } from '../errors/bjet-error.js';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * A GraphQLError (or subclass) by its `Symbol.toStringTag`, not `instanceof`: graphql ships CJS and
 * ESM builds, and Apollo and our code may load different ones (vitest does), so classes differ.
 */
function isGraphQLError(value: unknown): value is Error & { readonly originalError?: unknown } {
  return Object.prototype.toString.call(value) === '[object GraphQLError]';
}

/** The BjetError behind an error, following `originalError` through GraphQL's wrapping. */
export function findBjetError(error: unknown): BjetError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof BjetError) return current;
    current = isGraphQLError(current) ? current.originalError : undefined;
  }
  return null;
}

/** Errors GraphQL or Apollo raised themselves: a GraphQLError whose cause, if any, is one too. */
function isGraphQLOwn(error: unknown): boolean {
  if (!isGraphQLError(error)) return false;
  const original = error.originalError;
  return original === undefined || original === null || isGraphQLError(original);
}

export interface FormatErrorOptions {
  /** Production mode: no "Did you mean …?" suggestions, which name schema fields and values. */
  readonly production?: boolean;
}

export function buildFormatError(logger: Logger | undefined, options: FormatErrorOptions = {}): FormatError {
  return (formatted, error) => {
    const bjet = findBjetError(error);
    const place = { locations: formatted.locations, path: formatted.path };
    if (bjet !== null) return { message: bjet.message, ...place, extensions: bjet.toExtensions() };
    if (isGraphQLOwn(error)) {
      const own = tokenLimit(formatted) ?? nonNullViolation(formatted) ?? formatted;
      return options.production === true ? withoutSuggestions(own) : own;
    }
    const original = isGraphQLError(error) ? error.originalError : error;
    logger?.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', ...place, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** graphql-js's `maxTokens` stop (its message says "more that" in 16.x), under its own code: the document is over `server.limits.tokens`. */
function tokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const match = TOKEN_LIMIT.exec(formatted.message);
  if (match === null) return null;
  const limit = Number(match[1]);
  return {
    message: `Token limit of ${limit} exceeded.`,
    locations: formatted.locations,
    extensions: { code: 'OPERATION_TOO_MANY_TOKENS', limit },
  };
}

/** The suggestions graphql-js appends to validation and coercion messages ("Did you mean …?"). */
function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean .+\?$/s, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field ([A-Za-z0-9_.]+?)\.?$/;

/**
 * graphql-js's non-null violation means the upstream sent `false`/nothing where schema/ promised a
 * value: the data drifted from the samples. Say so, with the code of an unreadable upstream answer.
 */
function nonNullViolation(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const match = NON_NULL_VIOLATION.exec(formatted.message);
  if (match === null) return null;
  return {
    message: `The upstream sent no value for ${match[1]}, which schema/ declares non-null: run \`bjet-graphql check\` and re-introspect`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
  };
}
