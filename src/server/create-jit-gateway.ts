/**
 * Compiled execution: Apollo Server still parses, validates and runs every plugin, but executes
 * through graphql-jit, which compiles each operation once into a function (about twice graphql-js's
 * throughput on our resolvers). Apollo's only hook for replacing execution is the gateway
 * interface, so this is a one-schema "gateway" that never changes its schema.
 *
 * An operation graphql-jit cannot compile runs on graphql-js instead, so the switch can only make
 * an operation faster, never refuse one.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Logger } from '../logging/create-logger.js';

/** Distinct operations kept compiled (oldest dropped first); a client with unbounded distinct queries cannot grow memory. */
const MAX_COMPILED = 500;

type Run = (context: unknown, variables: Readonly<Record<string, unknown>>) => Promise<ExecutionResult> | ExecutionResult;

export function createJitGateway(schema: GraphQLSchema, sdl: string, logger: Logger | undefined): GatewayInterface {
  const compiled = new Map<string, Run>();
  const compile = (document: DocumentNode, operationName: string | null): Run => {
    let query: CompiledQuery | ExecutionResult;
    try {
      query = compileQuery(schema, document, operationName ?? undefined);
    } catch (error) {
      query = { errors: [] };
      logger?.warn({ err: error, operationName }, 'graphql-jit could not compile an operation; graphql-js runs it');
    }
    if (isCompiledQuery(query)) {
      return async (context, variables) => withStandardErrors(await query.query(undefined, context, variables));
    }
    return (context, variables) =>
      execute({ schema, document, operationName, contextValue: context, variableValues: variables });
  };
  const executor: GatewayExecutor = async (requestContext) => {
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}`;
    let run = compiled.get(key);
    if (run === undefined) {
      run = compile(requestContext.document, requestContext.operationName);
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value ?? '');
      compiled.set(key, run);
    }
    return run(requestContext.context, requestContext.request.variables ?? {});
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => undefined;
    },
    async stop() {
      compiled.clear();
    },
  };
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
