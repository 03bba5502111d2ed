/**
 * A real federation gateway for the e2e tests: the subgraphs' SDL composed with `@apollo/composition`
 * (what `rover supergraph compose` runs) and served by `@apollo/gateway` with that static supergraph,
 * on 127.0.0.1 and an ephemeral port.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';

export interface SubgraphSpec {
  readonly name: string;
  /** The subgraph's GraphQL URL (the routing URL of a `supergraph.yaml`). */
  readonly url: string;
  readonly sdl: string;
}

export interface RunningGateway {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  readonly supergraphSdl: string;
  close(): Promise<void>;
}

/** The supergraph SDL; composition errors are thrown together, each with its code. */
export function composeSupergraph(subgraphs: readonly SubgraphSpec[]): string {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })));
  if (result.errors !== undefined) {
    const codeOf = (code: unknown): string => (typeof code === 'string' ? code : 'ERROR');
    const lines = result.errors.map((error) => `- ${codeOf(error.extensions['code'])}: ${error.message}`);
    throw new Error(`composition failed:\n${lines.join('\n')}`);
  }
  return result.supergraphSdl;
}

export async function startGateway(subgraphs: readonly SubgraphSpec[]): Promise<RunningGateway> {
  const supergraphSdl = composeSupergraph(subgraphs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The gateway's own fetcher, one per subgraph, exactly as in production.
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, supergraphSdl, close: () => server.stop() };
}
