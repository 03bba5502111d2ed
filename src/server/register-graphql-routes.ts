/**
 * GET and POST /graphql (GraphQL-over-HTTP through Apollo; GET from a browser gets GraphiQL) and
 * the per-request context: request id, deadline, the client's Authorization header (used only by
 * `forward` auth, never logged), allow-listed headers, fresh loaders, and the cancellation of the
 * operation's GETs when its client goes away.
 */
import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/types.js';
import type { TypeIndex } from '../execution/build-type-index.js';
import { createExecutionContext, type ExecutionContext } from '../execution/create-execution-context.js';
import { OperationCancel } from '../upstream/operation-cancel.js';
import { pickForwardedHeaders } from '../upstream/pick-forwarded-headers.js';
import { resolveRequestId } from '../upstream/resolve-request-id.js';
import type { UpstreamClient } from '../upstream/types.js';
import { printGraphiqlPage, registerGraphiqlAssets, wantsGraphiql } from './register-graphiql.js';

export interface GraphqlRouteOptions {
  readonly apollo: ApolloServer<ExecutionContext>;
  readonly config: Config;
  readonly client: UpstreamClient;
  readonly index: TypeIndex;
  readonly defaultQuery: string;
  readonly now: () => number;
}

/**
 * Cancelled when the connection closes before the response was written: the client went away
 * (closed the tab, pressed GraphiQL's stop), so the operation's GETs not sent yet are not worth
 * their cost. Its writes go on (CallContext.cancel).
 */
function cancelWhenClientGoes(response: ServerResponse): OperationCancel {
  const cancel = new OperationCancel();
  response.on('close', () => {
    if (!response.writableFinished) cancel.cancel();
  });
  return cancel;
}

/** `Cache-Control: no-cache` (or `no-store`, `max-age=0`) on the GraphQL request: read past the cache. */
function wantsFresh(header: string | undefined): boolean {
  return header !== undefined && /(?:^|,)\s*(?:no-cache|no-store|max-age=0)\s*(?:,|$)/i.test(header);
}

export function registerGraphqlRoutes(app: FastifyInstance, options: GraphqlRouteOptions): void {
  const { config, client, index } = options;
  const context = async (request: FastifyRequest, reply: FastifyReply): Promise<ExecutionContext> => {
    const header = request.headers['x-request-id'];
    return createExecutionContext({
      cancel: cancelWhenClientGoes(reply.raw),
      client,
      index,
      requestId: resolveRequestId(typeof header === 'string' ? header : undefined),
      budget: config.server.budget,
      deadlineMs: config.server.operationDeadlineMs,
      authorization: request.headers.authorization,
      forwardedHeaders: pickForwardedHeaders(config.upstream.forwardHeaders, request.headers),
      cache: wantsFresh(request.headers['cache-control']) ? 'no-cache' : 'default',
      now: options.now,
    });
  };
  const handler = fastifyApolloHandler(options.apollo, { context });
  app.post('/graphql', handler);
  if (!config.server.graphiql) {
    app.get('/graphql', handler);
    return;
  }
  const page = printGraphiqlPage(options.defaultQuery, config.subscriptions.enabled);
  registerGraphiqlAssets(app);
  // The handler's route type says its reply is a string (Apollo's serialized body); so is the page.
  app.get<{ Reply: string }>('/graphql', async function (request, reply) {
    if (wantsGraphiql(request.headers.accept, request.query)) return reply.type('text/html; charset=utf-8').send(page);
    return handler.call(this, request, reply);
  });
}
