/**
 * A small typed GraphQL client for frontends: `fetch` plus the `TypedDocumentNode`s that
 * `npm run codegen` writes under examples/gql/. The document fixes both the variables a call needs
 * and the type of the data it returns, so a field the schema does not have is a compile error.
 *
 *   const client = createGraphqlClient({ url: 'http://127.0.0.1:4000/graphql' });
 *   const { partner } = await client.request(PartnerByIdDocument, { id: '7' });
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface GraphqlClientOptions {
  /** The server's GraphQL URL, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  /** Sent with every request (e.g. `authorization` when the server forwards it upstream). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

export interface GraphqlErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** The response carried errors (or was not GraphQL at all); `errors[i].extensions.code` says which. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: readonly GraphqlErrorEntry[],
    /** Whatever data came with the errors (partial results), or null. */
    readonly data: unknown,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

/** Variables may be left out exactly when the operation declares none that are required. */
export type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface GraphqlClient {
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...args: VariablesArgument<TVariables>): Promise<TResult>;
}

interface GraphqlResponseBody {
  readonly data: unknown;
  readonly errors: readonly GraphqlErrorEntry[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a GraphQL-over-HTTP response, or null when it is not one. */
export function parseGraphqlResponse(body: unknown): GraphqlResponseBody | null {
  if (!isRecord(body) || !('data' in body || 'errors' in body)) return null;
  const errors = Array.isArray(body['errors']) ? body['errors'] : [];
  const entries = errors.map((error: unknown): GraphqlErrorEntry => {
    if (!isRecord(error)) return { message: String(error) };
    const extensions = isRecord(error['extensions']) ? error['extensions'] : undefined;
    const path = Array.isArray(error['path']) ? error['path'].filter((part) => typeof part === 'string' || typeof part === 'number') : undefined;
    return { message: String(error['message']), ...(path === undefined ? {} : { path }), ...(extensions === undefined ? {} : { extensions }) };
  });
  return { data: body['data'] ?? null, errors: entries };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const send = options.fetch ?? fetch;
  // A document is printed once, not on every call.
  const printed = new WeakMap<DocumentNode, string>();
  const queryOf = (document: DocumentNode): string => {
    let query = printed.get(document);
    if (query === undefined) {
      query = print(document);
      printed.set(document, query);
    }
    return query;
  };
  return {
    async request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...args: VariablesArgument<TVariables>) {
      const response = await send(options.url, {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: queryOf(document), variables: args[0] ?? {} }),
      });
      const body = parseGraphqlResponse(await readJson(response));
      if (body === null) throw new GraphqlRequestError(`${options.url} answered ${response.status} without a GraphQL body`, response.status, [], null);
      const [first] = body.errors;
      if (first !== undefined) throw new GraphqlRequestError(first.message, response.status, body.errors, body.data);
      // The server validated the operation against the schema the document was generated from.
      return body.data as TResult;
    },
  };
}
