/** The HTTP surface over real sockets: health, readiness, GraphiQL, CSRF, body limit, request ids, CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/start-stack.js';
import { withServer } from './stack-options.js';

let stack: Stack;
let origin: string;
beforeAll(async () => {
  stack = await startStack(withServer({ corsOrigins: ['https://app.example'], bodyLimitBytes: 2048 }));
  origin = new URL(stack.url).origin;
});
afterAll(async () => {
  await stack.close();
});

const json = { 'content-type': 'application/json' };

describe('health', () => {
  it('/healthz is 200 while the process is up', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
  });

  it('/readyz checks every readable endpoint once, re-checks only a failed one, then reports the breaker', async () => {
    const readable = stack.config.endpoints.filter((endpoint) => endpoint.methods.includes('GET')).map((endpoint) => endpoint.name);
    stack.simulator.clearRecords();
    stack.simulator.addFault('countries', { kind: 'status-500', count: 1 });
    const unready = await fetch(`${origin}/readyz`);
    expect(unready.status).toBe(503);
    const body = (await unready.json()) as { status: string; endpoints: Record<string, string>; breakers: Record<string, string> };
    expect(body.status).toBe('unready');
    expect(body.breakers).toEqual({});
    expect(body.endpoints).toEqual(Object.fromEntries(readable.map((name) => [name, name === 'countries' ? 'UPSTREAM_ERROR' : 'ok'])));
    expect(stack.simulator.records.map((record) => `${record.endpoint ?? ''} ${JSON.stringify(record.query)}`).sort()).toEqual(
      readable.map((name) => `${name} {"limit":"1"}`).sort(),
    );
    stack.simulator.clearRecords();
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', endpoints: Object.fromEntries(readable.map((name) => [name, 'ok'])), breakers: {} });
    expect(stack.simulator.records.map((record) => record.endpoint)).toEqual(['countries']);
    stack.simulator.clearRecords();
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    expect(stack.simulator.records).toHaveLength(0);
  });
});

describe('GraphiQL', () => {
  it('serves the page and its assets from this server', async () => {
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${origin}/graphiql/assets/graphiql.min.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});

describe('request hygiene', () => {
  it('refuses a GET query without a preflight header (CSRF prevention) and answers one with it', async () => {
    const query = encodeURIComponent('{ countries(limit: 1) { items { id } } }');
    stack.simulator.clearRecords();
    const refused = await fetch(`${stack.url}?query=${query}`);
    expect(refused.status).toBe(400);
    expect(stack.simulator.records).toHaveLength(0);
    const allowed = await fetch(`${stack.url}?query=${query}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ data: { countries: { items: [{ id: expect.any(String) }] } } });
  });

  it('answers 413 to a body over the limit', async () => {
    const response = await fetch(stack.url, { method: 'POST', headers: json, body: JSON.stringify({ query: `{ __typename }${' '.repeat(4096)}` }) });
    expect(response.status).toBe(413);
  });

  it('passes the client request id upstream and echoes it', async () => {
    stack.simulator.clearRecords();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { ...json, 'x-request-id': 'trace-42' },
      body: JSON.stringify({ query: '{ countries(limit: 1) { items { id } } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    expect(stack.simulator.records.map((record) => record.requestId)).toEqual(['trace-42']);
  });

  it('allows only configured CORS origins', async () => {
    const preflight = (from: string) => fetch(stack.url, { method: 'OPTIONS', headers: { origin: from, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
