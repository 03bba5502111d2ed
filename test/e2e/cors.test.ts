/**
 * The frontend path: a page served from another origin (a second tiny HTTP server on another
 * loopback port) calls the demo's /graphql from headless Chromium. The demo allows loopback origins
 * by default; with `--cors ORIGIN` only that one, and the browser refuses the call from any other.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLocalBrowser, type LocalBrowser } from '../support/browser.js';
import { startDemoProcess, type DemoProcess } from '../support/browser-demo.js';

const QUERY = '{ countries(limit: 2) { items { code } } }';

/** A frontend's dev server: one empty HTML page on 127.0.0.1, port chosen by the OS. */
async function startPageServer(): Promise<{ readonly origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>frontend</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the page's `fetch` of the demo gives: the JSON body, or the error's message. */
async function fetchFrom(browser: LocalBrowser, origin: string, url: string): Promise<unknown> {
  await browser.page.goto(`${origin}/`);
  return browser.page.evaluate(
    async ({ url, query }) => {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        return (await response.json()) as unknown;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    { url, query: QUERY },
  );
}

let browser: LocalBrowser;
let frontend: Awaited<ReturnType<typeof startPageServer>>;
let other: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  [browser, frontend, other] = await Promise.all([launchLocalBrowser(), startPageServer(), startPageServer()]);
});
afterAll(async () => {
  await Promise.all([browser.close(), frontend.close(), other.close()]);
});

describe('a frontend on another origin calling the demo', () => {
  it('gets data from a loopback origin by default, and no CORS header for a foreign one', async () => {
    const demo: DemoProcess = await startDemoProcess();
    try {
      const body = (await fetchFrom(browser, frontend.origin, demo.url)) as { data?: { countries: { items: unknown[] } } };
      expect(body.data?.countries.items).toHaveLength(2);
      const foreign = await fetch(demo.url, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const local = await fetch(demo.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
      expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    } finally {
      await demo.close();
    }
    expect(browser.offHost).toEqual([]);
  });

  it('with --cors allows that origin only: the browser refuses the call from another', async () => {
    const demo = await startDemoProcess(['--cors', frontend.origin]);
    try {
      const allowed = (await fetchFrom(browser, frontend.origin, demo.url)) as { data?: { countries: { items: unknown[] } } };
      expect(allowed.data?.countries.items).toHaveLength(2);
      expect(await fetchFrom(browser, other.origin, demo.url)).toBe('Failed to fetch');
    } finally {
      await demo.close();
    }
    expect(browser.offHost).toEqual([]);
  });
});
