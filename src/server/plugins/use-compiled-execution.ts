/**
 * Compiled execution: Apollo Server still parses, validates and runs every plugin, but the
 * operation executes through graphql-jit, which compiles each operation once into a function.
 * It runs in the `responseForOperation` hook, the documented way for a plugin to answer an
 * operation in place of Apollo's execution.
 *
 * Why not Apollo's gateway interface (the other way to replace execution, used before): in
 * gateway mode Apollo keeps every request's objects alive long enough to be promoted to the old
 * generation, which costs memory and throughput (docs/decisions/0001).
 *
 * The hook's answer skips Apollo's own error formatting, so errors are formatted here the way
 * Apollo does (a default `code`, `extensions.http` moved to the response, our `formatError`).
 * Whenever nothing has executed yet, Apollo's own execution takes over instead (returning null):
 * an operation graphql-jit cannot compile, and variables that do not coerce (graphql-js reports
 * them with Apollo's 400). A result is never executed twice.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { DocumentCacheConfig } from '../../config/types.js';
import type { ExecutionContext } from '../../execution/create-execution-context.js';
import type { Logger } from '../../logging/create-logger.js';
import type { FormatError } from '../build-format-error.js';

/**
 * Heap bytes per source character of a compiled operation (graphql-jit generates functions per
 * field): measured at 85-100 for alias-dense documents (bench/hostile.ts), doubled for documents
 * denser than those, so the bound errs low.
 */
const COMPILED_BYTES_PER_CHAR = 200;

const DEFAULT_BOUNDS: DocumentCacheConfig = { maxEntries: 1000, maxBytes: 32 * 1024 * 1024 };

type Run = (context: unknown, variables: Readonly<Record<string, unknown>>) => Promise<ExecutionResult> | ExecutionResult;

/** How operations ran, for tests and metrics. */
export interface ExecutionStats {
  /** Answered by a compiled operation. */
  compiled: number;
  /** Left to Apollo's own execution (not compilable, or variables that did not coerce). */
  apollo: number;
}

export function useCompiledExecution<TContext extends object = ExecutionContext>(
  formatError: FormatError,
  logger: Logger | undefined,
  stats: ExecutionStats = { compiled: 0, apollo: 0 },
  bounds: DocumentCacheConfig = DEFAULT_BOUNDS,
): ApolloServerPlugin<TContext> {
  // Least recently used first out, by count and by estimated bytes: distinct operations without end
  // (a hostile client, or a client that inlines its variables) cannot grow memory past the bound.
  const compiled = new LRUCache<string, { readonly run: Run | null }>({ max: bounds.maxEntries, maxSize: bounds.maxBytes });
  const runFor = (requestContext: GraphQLRequestContext<TContext>): Run | null => {
    const key = `${requestContext.queryHash ?? ''}\u0000${requestContext.operationName ?? ''}`;
    const cached = compiled.get(key);
    if (cached !== undefined) return cached.run;
    const run = compile(requestContext.schema, requestContext.document, requestContext.operationName ?? null, logger);
    const size = Math.max(1, (requestContext.source?.length ?? 1000) * COMPILED_BYTES_PER_CHAR);
    compiled.set(key, { run }, { size });
    return run;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          const run = runFor(requestContext);
          const result = run === null ? null : await run(requestContext.contextValue, requestContext.request.variables ?? {});
          // No data and errors: variables did not coerce, nothing ran; graphql-js reports it.
          if (result === null || (result.errors !== undefined && result.data === undefined)) {
            stats.apollo += 1;
            return null;
          }
          stats.compiled += 1;
          return formatResult(result, formatError);
        },
      };
    },
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode | undefined, operationName: string | null, logger: Logger | undefined): Run | null {
  if (document === undefined) return null;
  try {
    const query = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(query)) return async (context, variables) => withStandardErrors(await query.query(undefined, context, variables));
    logger?.warn({ operationName, errors: query.errors?.map((e) => e.message) }, 'graphql-jit could not compile an operation; graphql-js runs it');
  } catch (error) {
    logger?.warn({ err: error, operationName }, 'graphql-jit could not compile an operation; graphql-js runs it');
  }
  return null;
}

/** The response Apollo would have made of this result: errors normalized and formatted as it does. */
function formatResult(result: ExecutionResult, formatError: FormatError) {
  const headers = new HeaderMap();
  let status: number | undefined;
  const errors = result.errors?.map((error): GraphQLFormattedError => {
    const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR' };
    const http = extensions['http'];
    if (typeof http === 'object' && http !== null) {
      const head = http as { status?: unknown; headers?: unknown };
      if (typeof head.status === 'number') status = head.status;
      if (head.headers instanceof Map) for (const [name, value] of head.headers as Map<string, string>) headers.set(name, value);
      delete extensions['http'];
    }
    try {
      return formatError({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
  const singleResult = errors === undefined ? result : { ...result, errors };
  return { http: { status, headers }, body: { kind: 'single' as const, singleResult } };
}

/**
 * graphql-jit's errors inherit GraphQLError's prototype but skip its constructor, so they have no
 * `extensions` unless the cause had some, and Apollo's error normalization reads
 * `extensions.code` and fails, masking every field error (with its path) as one internal error.
 * Each becomes a real GraphQLError of the class graphql-jit inherits from (the one Apollo uses),
 * with the same message, path, locations and cause.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (result.errors === undefined) return result;
  return { ...result, errors: result.errors.map(toStandardError) };
}

type GraphQLErrorClass = new (message: string, options: { path?: readonly (string | number)[]; originalError?: Error }) => GraphQLError;

function toStandardError(error: GraphQLError): GraphQLError {
  if (error.extensions !== undefined) return error;
  const base: unknown = Object.getPrototypeOf(Object.getPrototypeOf(error))?.constructor;
  if (typeof base !== 'function') return error;
  const standard = new (base as GraphQLErrorClass)(error.message, {
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.originalError ? { originalError: error.originalError } : {}),
  });
  if (error.locations !== undefined) Object.defineProperty(standard, 'locations', { value: error.locations, enumerable: true });
  return standard;
}
