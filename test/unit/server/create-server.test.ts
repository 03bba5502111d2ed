/** The server through Fastify's inject (no sockets): routes, security settings and request-level errors. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';
import { createServer, type BjetServer } from '../../../src/server/create-server.js';
import { loadServeFixture } from '../../support/serve-fixture.js';

let server: BjetServer;

beforeAll(async () => {
  const fixture = loadServeFixture();
  server = await createServer({ config: fixture.config, sdl: fixture.sdl, model: fixture.model });
});

afterAll(async () => {
  await server.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

describe('createServer', () => {
  it('refuses to start when the SDL has a field model.json does not map (schema/ half regenerated)', async () => {
    const fixture = loadServeFixture();
    const sdl = `${fixture.sdl}\nextend type Partner {\n  nickname: String\n}\n`;
    const error = await createServer({ config: fixture.config, sdl, model: fixture.model }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SCHEMA_DRIFT' });
    expect((error as Error).message).toContain('Partner.nickname is in the SDL but not in model.json');
    expect((error as Error).message).toContain('bjet-graphql introspect');
  });

  it('refuses to start when schema/ serves an endpoint the config does not have', async () => {
    const fixture = loadServeFixture();
    const config = { ...fixture.config, endpoints: fixture.config.endpoints.filter((endpoint) => endpoint.name !== 'products') };
    const error = await createServer({ config, sdl: fixture.sdl, model: fixture.model }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SCHEMA_DRIFT', details: { endpoints: ['products'] } });
    expect((error as Error).message).toContain('schema/ serves endpoint(s) the config does not have: products');
  });

  it('starts but says which configured endpoints schema/ does not know yet', async () => {
    const fixture = loadServeFixture();
    const extra = { ...fixture.config.endpoints[0]!, name: 'invoices' };
    const config = { ...fixture.config, endpoints: [...fixture.config.endpoints, extra] };
    let logged = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString('utf8');
        done();
      },
    });
    const started = await createServer({ config, sdl: fixture.sdl, model: fixture.model, logger: createLogger({ destination }) });
    await started.close();
    const line = logged.split('\n').find((text) => text.includes('schema/ does not know'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 40, endpoints: ['invoices'] });
  });

  it('answers /healthz', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves the subgraph SDL with @key on entities', async () => {
    const response = await post({ query: '{ _service { sdl } }' });
    const sdl: unknown = response.json().data._service.sdl;
    expect(sdl).toMatch(/type Product\s+@key\(fields: "defaultCode"\)/);
  });

  it('echoes a well-formed X-Request-ID and makes one otherwise', async () => {
    const given = await post({ query: '{ __typename }' }, { 'x-request-id': 'abc-123' });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await post({ query: '{ __typename }' }, { 'x-request-id': 'bad value!' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps GraphQL validation codes', async () => {
    const response = await post({ query: '{ partners { nope } }' });
    expect(response.json().errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an operation whose worst case is over the budget, before any call', async () => {
    // Budget 30; the parent of each of 50 partners is one GET each (no id-list filter): 51 calls.
    // Were a call made, it would fail with UPSTREAM_UNAVAILABLE (nothing listens upstream).
    const response = await post({ query: '{ partners(limit: 50) { items { parent { isCompany } } } }' });
    const body = response.json();
    expect(response.statusCode).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_BUDGET_EXCEEDED', budget: 30 });
  });

  it('refuses a GET query without a preflight header (CSRF prevention)', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('CSRF');
    const allowed = await server.app.inject({
      method: 'GET',
      url: '/graphql?query=%7B__typename%7D',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('rejects a body over the limit with 413', async () => {
    const fixture = loadServeFixture();
    const small = await createServer({
      config: { ...fixture.config, server: { ...fixture.config.server, bodyLimitBytes: 64 } },
      sdl: fixture.sdl,
      model: fixture.model,
    });
    try {
      const response = await small.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ query: `{ __typename ${' '.repeat(100)} }` }),
      });
      expect(response.statusCode).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('serves GraphiQL to browsers, from local assets', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const scripts = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(scripts).toEqual([
      // An empty inline icon, so the browser does not ask for /favicon.ico.
      'data:,',
      '/graphiql/assets/graphiql.min.css',
      '/graphiql/assets/plugin-explorer.css',
      '/graphiql/assets/bjet-graphiql.css',
      '/graphiql/assets/react.production.min.js',
      '/graphiql/assets/react-dom.production.min.js',
      '/graphiql/assets/graphiql.min.js',
      '/graphiql/assets/plugin-explorer.umd.js',
      '/graphiql/assets/bjet-graphiql.js',
      '/graphiql/assets/start.js',
    ]);
    // Ours and the explorer's stylesheet are small; the packages' builds are not.
    const small = ['start.js', 'bjet-graphiql.css', 'plugin-explorer.css'];
    for (const url of scripts.filter((src) => !src.startsWith('data:'))) {
      const asset = await server.app.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.body.length, url).toBeGreaterThan(small.some((name) => url.endsWith(name)) ? 100 : 4_000);
    }
    expect(page.body).toContain('partners(limit: 5)');
    expect((await server.app.inject({ method: 'GET', url: '/graphiql/assets/..%2Fpackage.json' })).statusCode).toBe(404);
  });
});
