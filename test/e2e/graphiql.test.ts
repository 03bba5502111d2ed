/**
 * Analysts: the demo (`npm start`, the built CLI) opened in headless Chromium. GraphiQL loads from
 * our own server only (every request the page makes is recorded; none may leave 127.0.0.1), runs its
 * default query and a typed one, shows the result, lists the types in the docs explorer and
 * completes field names. A missing Chromium is installed when test/support/browser.ts loads; where it
 * cannot be (not root, no registry), this file fails with the reason: never a skip.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLocalBrowser, type LocalBrowser } from '../support/browser.js';
import { startDemoProcess, type DemoProcess } from '../support/browser-demo.js';
import { postGraphQL } from '../support/start-stack.js';

const UI_TIMEOUT_MS = 10_000;

interface ResultBody {
  readonly data?: Record<string, { readonly items?: readonly unknown[] } | null>;
  readonly errors?: readonly unknown[];
}

/** The text of a CodeMirror editor on the page (its DOM holds only the lines in view). */
async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    const instance: unknown = Reflect.get(element, 'CodeMirror');
    const getValue: unknown = typeof instance === 'object' && instance !== null ? Reflect.get(instance, 'getValue') : undefined;
    return typeof getValue === 'function' ? String(getValue.call(instance)) : '';
  });
}

/** Runs the editor's query with the keyboard shortcut and reads the JSON the result panel shows. */
async function runAndReadResult(page: Page, editor: Locator): Promise<ResultBody> {
  const panel = page.locator('.graphiql-response .CodeMirror');
  const before = await editorText(panel);
  await editor.click();
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => editorText(panel), { timeout: UI_TIMEOUT_MS }).not.toBe(before);
  await expect.poll(async () => /"(data|errors)"/.test(await editorText(panel)), { timeout: UI_TIMEOUT_MS }).toBe(true);
  return JSON.parse(await editorText(panel)) as ResultBody;
}

const compact = (text: string): string => text.replace(/\s+/g, ' ').trim();

async function typeIntoEditor(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Typed key by key, as a person would (the editor closes brackets and types over them).
  await page.keyboard.type(text, { delay: 5 });
}

async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await typeIntoEditor(page, editor, text);
  await page.keyboard.press('Escape'); // close an autocompletion list left open by the last word
  // On a loaded machine a completion list can still take a keystroke; then the text is pasted
  // (setValue, as a clipboard paste would), since this test is about running and reading the query.
  if (compact(await editorText(editor)) !== compact(text)) {
    await editor.evaluate((element, value) => {
      const instance: unknown = Reflect.get(element, 'CodeMirror');
      const setValue: unknown = typeof instance === 'object' && instance !== null ? Reflect.get(instance, 'setValue') : undefined;
      if (typeof setValue === 'function') setValue.call(instance, value);
    }, text);
  }
  expect(compact(await editorText(editor))).toBe(compact(text));
}

describe('GraphiQL in headless Chromium', () => {
  let demo: DemoProcess;
  let browser: LocalBrowser;
  let page: Page;
  let editor: Locator;

  // A failed start (Chromium does not launch, a demo that does not start) fails every test with its message,
  // rather than leaving them reported as skipped.
  let startError: Error | null = null;
  const ready = (): void => {
    if (startError !== null) throw startError;
  };

  beforeAll(async () => {
    const [demoStart, browserStart] = await Promise.allSettled([startDemoProcess(), launchLocalBrowser()]);
    if (demoStart.status === 'fulfilled') demo = demoStart.value;
    if (browserStart.status === 'fulfilled') browser = browserStart.value;
    try {
      if (demoStart.status === 'rejected') throw demoStart.reason;
      if (browserStart.status === 'rejected') throw browserStart.reason;
      page = browser.page;
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await page.goto(demo.url);
      editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor();
    } catch (error) {
      startError = error instanceof Error ? error : new Error(String(error));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('opens with a default query over the configured endpoints that runs and returns records', async () => {
    ready();
    const defaultQuery = await editorText(editor);
    expect(defaultQuery).toMatch(/partners\(limit: \d+\)/);
    const result = await runAndReadResult(page, editor);
    expect(result.errors).toBeUndefined();
    const lists = Object.values(result.data ?? {});
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) expect(list?.items?.length).toBeGreaterThan(0);
  });

  it('runs a typed query and shows the same data the server answers', async () => {
    ready();
    const query = '{ partners(limit: 3, filter: { isCompany: true }) { items { id name city country { name } } } }';
    await replaceEditorText(page, editor, query);
    const shown = await runAndReadResult(page, editor);
    const { body } = await postGraphQL(demo.url, { query });
    expect(body.errors).toBeUndefined();
    expect(shown.data).toEqual(body.data);
    expect(shown.data?.['partners']?.items).toHaveLength(3);
  });

  it('lists the schema types in the docs explorer', async () => {
    ready();
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.waitFor();
    const lines = (await docs.innerText()).split('\n').map((line) => line.trim());
    expect(lines).toEqual(expect.arrayContaining(['query: Query', 'mutation: Mutation']));
    expect(lines).toEqual(expect.arrayContaining(['Partner', 'Product', 'SaleOrder', 'PartnerFilter', 'SaleOrderState']));
  });

  it('completes root field names from the schema', async () => {
    ready();
    await typeIntoEditor(page, editor, '{ sale');
    const hints = page.locator('.CodeMirror-hints li');
    await hints.first().waitFor();
    expect(await hints.allInnerTexts()).toEqual(expect.arrayContaining(['saleOrders', 'saleOrder', 'saleOrderLines']));
  });

  it('runs a subscription over WebSocket and shows the change a mutation made elsewhere', async () => {
    ready();
    await replaceEditorText(page, editor, 'subscription { partnerChanged(id: "7") { event record { id city } } }');
    const panel = page.locator('.graphiql-response .CodeMirror');
    await editor.click();
    await page.keyboard.press('Control+Enter');
    // The subscription is set up asynchronously: edit until an edit arrives (a second tab would do this once).
    let round = 0;
    await expect
      .poll(
        async () => {
          round += 1;
          await postGraphQL(demo.url, { query: `mutation { updatePartner(id: "7", input: { city: "Brest ${round}" }) { id } }` });
          const text = await editorText(panel);
          // GraphiQL picks the transport from the last parse of the editor, which may lag the typing:
          // a subscription sent over HTTP is refused (and not running), so it is run again.
          if (text.includes('served over WebSocket')) {
            await editor.click();
            await page.keyboard.press('Control+Enter');
          }
          return text;
        },
        { timeout: UI_TIMEOUT_MS, interval: 300 },
      )
      .toMatch(/"city": "Brest \d+"/);
    const shown = JSON.parse(await editorText(panel)) as { data?: { partnerChanged?: { event: string; record: { id: string } } } };
    expect(shown.data?.partnerChanged).toMatchObject({ event: 'UPDATED', record: { id: '7' } });
  });

  it('made every request to 127.0.0.1 and none elsewhere', async () => {
    ready();
    const origin = new URL(demo.url).origin;
    expect(browser.requested).toContain(`${origin}/graphiql/assets/graphiql.min.js`);
    expect(browser.requested.filter((url) => url === demo.url).length).toBeGreaterThanOrEqual(3);
    expect(browser.offHost).toEqual([]);
    // The recorder itself works: a request elsewhere (TEST-NET-1, never routed) is caught and aborted.
    const outcome = await page.evaluate(async () =>
      fetch('http://192.0.2.1/probe').then(
        () => 'sent',
        () => 'aborted',
      ),
    );
    expect(outcome).toBe('aborted');
    expect(browser.offHost).toEqual(['http://192.0.2.1/probe']);
  });
});
