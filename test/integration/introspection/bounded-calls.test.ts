/**
 * Fifty endpoints introspected with a bounded, exact number of REST calls: a tiny upstream of the
 * test's own (record counts chosen per endpoint) counts every request and the peak in flight.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse-config.js';
import { introspectUpstream } from '../../../src/pipeline/introspect-upstream.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';

const ENDPOINTS = 50;
const PAGES = 3;
const PAGE_SIZE = 10;
const CONCURRENCY = 4;
/** 0, 7, 10, 14, ... 343 records: empty, short, exact-page and many-page endpoints. */
const countOf = (index: number): number => (index * 7) % 60;

let server: Server;
let baseUrl = '';
const requests: string[] = [];
let inFlight = 0;
let peak = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    requests.push(`${request.method} ${url.pathname}?${url.searchParams.toString()}`);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    const index = Number(url.pathname.split('-').at(-1));
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const ids = Array.from({ length: Math.max(0, Math.min(limit, countOf(index) - offset)) }, (_, i) => offset + i + 1);
    // A little latency so that concurrent calls overlap.
    setTimeout(() => {
      inFlight -= 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ids.map((id) => ({ id, name: `r${id}`, score: id / 2, active: id % 2 === 0 }))));
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('introspecting 50 endpoints', () => {
  it('makes exactly one call per page up to the first short page, never more than endpoints × pages', async () => {
    const endpoints = Object.fromEntries(Array.from({ length: ENDPOINTS }, (_, i) => [`ep-${String(i).padStart(2, '0')}`, {}]));
    const config = parseConfig(
      { upstream: { baseUrl, concurrency: CONCURRENCY }, endpoints, introspection: { pages: PAGES, pageSize: PAGE_SIZE } },
      { source: null, env: {}, baseDir: '/' },
    );
    const client = createUpstreamClient(config);
    try {
      const output = await introspectUpstream(config, client);
      const expected = Array.from({ length: ENDPOINTS }, (_, i) => Math.min(PAGES, Math.floor(countOf(i) / PAGE_SIZE) + 1)).reduce((a, b) => a + b, 0);
      expect(requests).toHaveLength(expected);
      expect(expected).toBeLessThanOrEqual(ENDPOINTS * PAGES);
      expect(new Set(requests).size).toBe(requests.length);
      expect(requests.every((line) => line.startsWith('GET /v1/ep-') && line.includes(`limit=${PAGE_SIZE}`))).toBe(true);
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(CONCURRENCY);
      expect(output.model.endpoints).toHaveLength(ENDPOINTS);
      const sampled = output.model.endpoints.map((endpoint) => endpoint.sampled);
      expect(sampled).toEqual(Array.from({ length: ENDPOINTS }, (_, i) => Math.min(countOf(i), PAGES * PAGE_SIZE)));
    } finally {
      await client.close();
    }
  });
});
