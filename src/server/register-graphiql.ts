/**
 * GraphiQL for browsers at GET /graphql, entirely from local files (users' networks may be closed):
 * the `graphiql` package's UMD build and React 18's, the Explorer plugin's UMD build and our table
 * view and status line (./graphiql/), served by us under /graphiql/assets/.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { isRecord } from '../shared/guards.js';
import { BJET_GRAPHIQL_CSS, BJET_GRAPHIQL_SCRIPT } from './graphiql/table-view-script.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));

interface Asset {
  readonly file: string;
  readonly type: string;
}

const START_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('bjet-graphiql-config').textContent);
  // Subscriptions go over WebSocket to the same path (graphql-transport-ws, bundled in graphiql).
  var options = { url: config.url };
  if (config.subscriptions) options.subscriptionUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.url;
  var fetcher = GraphiQL.createFetcher(options);
  var plugins = [GraphiQLPluginExplorer.explorerPlugin(), BjetGraphiql.tableViewPlugin];
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: BjetGraphiql.observe(fetcher), defaultQuery: config.defaultQuery, plugins: plugins }));
})();
`;

function assetTable(): ReadonlyMap<string, Asset> {
  const graphiql = packageDir('graphiql');
  const explorer = packageDir('@graphiql/plugin-explorer');
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    ['react.production.min.js', { file: path.join(packageDir('react'), 'umd/react.production.min.js'), type: js }],
    ['react-dom.production.min.js', { file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: js }],
    ['graphiql.min.js', { file: path.join(graphiql, 'graphiql.min.js'), type: js }],
    ['graphiql.min.css', { file: path.join(graphiql, 'graphiql.min.css'), type: 'text/css; charset=utf-8' }],
    ['plugin-explorer.umd.js', { file: path.join(explorer, 'dist/index.umd.js'), type: js }],
    ['plugin-explorer.css', { file: path.join(explorer, 'dist/style.css'), type: 'text/css; charset=utf-8' }],
  ]);
}

/** The page; `<` is escaped in the embedded JSON so no value can close the script element. */
export function printGraphiqlPage(defaultQuery: string, subscriptions = false): string {
  const config = JSON.stringify({ url: '/graphql', defaultQuery, subscriptions }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bjet-graphql</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<link rel="stylesheet" href="/graphiql/assets/plugin-explorer.css">
<link rel="stylesheet" href="/graphiql/assets/bjet-graphiql.css">
<style>html, body { height: 100%; margin: 0; } body { display: flex; flex-direction: column; } #graphiql { flex: 1; min-height: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<div id="bjet-status" role="status" aria-live="polite">Run a query: REST calls and errors show here.</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/plugin-explorer.umd.js"></script>
<script src="/graphiql/assets/bjet-graphiql.js"></script>
<script id="bjet-graphiql-config" type="application/json">${config}</script>
<script src="/graphiql/assets/start.js"></script>
</body>
</html>
`;
}

/** True for a browser navigating to /graphql (not a GraphQL-over-HTTP GET with a query). */
export function wantsGraphiql(accept: string | undefined, query: unknown): boolean {
  const hasQuery = isRecord(query) && 'query' in query;
  return !hasQuery && accept !== undefined && accept.includes('text/html');
}

export function registerGraphiqlAssets(app: FastifyInstance): void {
  // Resolved on the first request: finding three packages' files costs start-up time that a server
  // without browsers never needs back.
  let assets: ReadonlyMap<string, Asset> | undefined;
  const cache = new Map<string, Buffer>();
  app.get('/graphiql/assets/start.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(START_SCRIPT),
  );
  app.get('/graphiql/assets/bjet-graphiql.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(BJET_GRAPHIQL_SCRIPT),
  );
  app.get('/graphiql/assets/bjet-graphiql.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(BJET_GRAPHIQL_CSS),
  );
  app.get<{ Params: { file: string } }>('/graphiql/assets/:file', async (request, reply) => {
    assets ??= assetTable();
    const asset = assets.get(request.params.file);
    if (asset === undefined) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(asset.file);
    if (body === undefined) {
      body = await readFile(asset.file);
      cache.set(asset.file, body);
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(body);
  });
}
