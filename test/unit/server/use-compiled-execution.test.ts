import { ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { buildFormatError } from '../../../src/server/build-format-error.js';
import { useCompiledExecution, type ExecutionStats } from '../../../src/server/plugins/use-compiled-execution.js';

const schema = makeExecutableSchema({
  typeDefs: `type Query { hello(name: String!): String!  items: [Item!]!  teapot: String }
             type Item { id: ID!  broken: String  label: String }`,
  resolvers: {
    Query: {
      hello: (_: unknown, args: { name: string }) => `hello ${args.name}`,
      items: () => [
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ],
      teapot: () => {
        throw new GraphQLError('short and stout', { extensions: { code: 'TEAPOT', http: { status: 418 } } });
      },
    },
    Item: {
      broken: (item: { id: number }) => {
        if (item.id === 2) throw new BjetError('UPSTREAM_ERROR', 'The upstream failed.');
        return 'fine';
      },
    },
  },
});

async function start(): Promise<{ server: ApolloServer; stats: ExecutionStats }> {
  const stats: ExecutionStats = { compiled: 0, apollo: 0 };
  const formatError = buildFormatError(undefined);
  const server = new ApolloServer({ schema, formatError, plugins: [useCompiledExecution<BaseContext>(formatError, undefined, stats)] });
  await server.start();
  return { server, stats };
}

const single = (response: Awaited<ReturnType<ApolloServer['executeOperation']>>) => {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
};

describe('useCompiledExecution', () => {
  it('answers operations compiled, once compiled for every later run of the same operation', async () => {
    const { server, stats } = await start();
    for (let i = 0; i < 3; i += 1) {
      expect(single(await server.executeOperation({ query: '{ items { id label } }' })).data).toEqual({
        items: [
          { id: '1', label: 'one' },
          { id: '2', label: 'two' },
        ],
      });
    }
    expect(stats).toEqual({ compiled: 3, apollo: 0 });
    await server.stop();
  });

  it('formats field errors as Apollo does: our code and path, partial data kept', async () => {
    const { server, stats } = await start();
    const result = single(await server.executeOperation({ query: '{ items { id broken } }' }));
    expect(result.data).toEqual({
      items: [
        { id: '1', broken: 'fine' },
        { id: '2', broken: null },
      ],
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'The upstream failed.',
        path: ['items', 1, 'broken'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }),
      }),
    ]);
    expect(stats.compiled).toBe(1);
    await server.stop();
  });

  it('moves extensions.http of an error to the response, as Apollo does', async () => {
    const { server } = await start();
    const response = await server.executeOperation({ query: '{ teapot }' });
    expect(response.http.status).toBe(418);
    expect(single(response).errors?.[0]?.extensions).toEqual({ code: 'TEAPOT' });
    await server.stop();
  });

  it('leaves variables that do not coerce to Apollo (its 400 and BAD_USER_INPUT), nothing run twice', async () => {
    const { server, stats } = await start();
    const response = await server.executeOperation({ query: 'query($n: String!) { hello(name: $n) }', variables: { n: 3 } });
    expect(response.http.status).toBe(400);
    expect(single(response).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const ok = await server.executeOperation({ query: 'query($n: String!) { hello(name: $n) }', variables: { n: 'Ada' } });
    expect(single(ok).data).toEqual({ hello: 'hello Ada' });
    expect(stats).toEqual({ compiled: 1, apollo: 1 });
    await server.stop();
  });
});
