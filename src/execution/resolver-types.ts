/** The resolver shapes the execution layer builds (plain graphql-js resolvers over upstream records). */
import type { GraphQLFieldResolver } from 'graphql';
import type { UpstreamRecord } from '../upstream/types.js';
import type { ExecutionContext } from './create-execution-context.js';

export type Resolver<TSource = UpstreamRecord> = GraphQLFieldResolver<TSource, ExecutionContext, Record<string, unknown>>;

export type ReferenceResolver = (reference: Readonly<Record<string, unknown>>, ctx: ExecutionContext) => Promise<UpstreamRecord | null>;

export interface TypeResolvers {
  [fieldName: string]: Resolver<UpstreamRecord> | Resolver<unknown> | ReferenceResolver;
}

/** Type name → field resolvers, or enum name → value name → technical key. */
export type ResolverMap = Record<string, TypeResolvers | Record<string, string>>;
