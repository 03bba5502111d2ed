/**
 * Headless Chromium for the browser tests: Debian's `chromium` package (no browser download), found
 * or installed with apt-get when this module loads (see system-deps.ts), driven by playwright-core, with a fresh profile, the background services that phone
 * home switched off, and every request the pages make recorded. Requests to any host but 127.0.0.1
 * are aborted and kept in `offHost`, so a test can assert that nothing left the machine.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureSystemCommand } from './system-deps.js';

/** CHROMIUM_PATH points at another build; otherwise Debian's, installed here when missing. */
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? (await ensureSystemCommand({ command: 'chromium', aptPackage: 'chromium' }));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LocalBrowser {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every URL the pages requested (HTTP, WebSocket), in order. */
  readonly requested: readonly string[];
  /** The requested URLs whose host was not 127.0.0.1 (they were aborted). */
  readonly offHost: readonly string[];
  close(): Promise<void>;
}

/** True for what never leaves the page or the loopback address. */
function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return parsed.hostname === '127.0.0.1';
}

/** Fails (never skips) when a CHROMIUM_PATH given by hand is missing: the browser test is part of `npm test`. */
function checkChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at CHROMIUM_PATH=${CHROMIUM_PATH}: unset it to use Debian's chromium (installed on first use)`);
  }
}

export async function launchLocalBrowser(): Promise<LocalBrowser> {
  checkChromium();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'bjet-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const requested: string[] = [];
  const offHost: string[] = [];
  const record = (url: string): boolean => {
    requested.push(url);
    if (isLocal(url)) return true;
    offHost.push(url);
    return false;
  };
  await context.route('**/*', (route) => (record(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  await context.routeWebSocket(/.*/, (socket) => (record(socket.url()) ? socket.connectToServer() : socket.close()));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    requested,
    offHost,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
