/**
 * GraphiQL for analysts, in headless Chromium over the demo (the built CLI): the default query's
 * comments fit the editor, the Explorer plugin builds a query by clicks, our table view shows the
 * rows the server answered with CSV download and copy holding the same rows, and the status line
 * shows `extensions.cost` and error codes. Every request stays on 127.0.0.1.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLocalBrowser, type LocalBrowser } from '../support/browser.js';
import { startDemoProcess, type DemoProcess } from '../support/browser-demo.js';
import { postGraphQL } from '../support/start-stack.js';

const UI_TIMEOUT_MS = 10_000;

const editorValue = (editor: Locator): Promise<string> =>
  editor.evaluate((element) => {
    const instance: unknown = Reflect.get(element, 'CodeMirror');
    const getValue: unknown = typeof instance === 'object' && instance !== null ? Reflect.get(instance, 'getValue') : undefined;
    return typeof getValue === 'function' ? String(getValue.call(instance)) : '';
  });

/** Puts a query in the editor as a paste would (typing is what graphiql.test.ts covers). */
const setEditorValue = (editor: Locator, text: string): Promise<void> =>
  editor.evaluate((element, value) => {
    const instance: unknown = Reflect.get(element, 'CodeMirror');
    const setValue: unknown = typeof instance === 'object' && instance !== null ? Reflect.get(instance, 'setValue') : undefined;
    if (typeof setValue === 'function') setValue.call(instance, value);
  }, text);

/** Runs the editor's query and waits for the status line to show that result. */
async function run(page: Page, editor: Locator): Promise<void> {
  const status = page.locator('#bjet-status');
  await status.evaluate((element) => void (element.textContent = ''));
  await editor.click();
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await status.innerText()).length, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
}

async function openPlugin(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name: `Show ${name}` });
  if ((await button.count()) > 0) await button.click();
}

const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('GraphiQL for analysts in headless Chromium', () => {
  let demo: DemoProcess;
  let browser: LocalBrowser;
  let page: Page;
  let editor: Locator;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoProcess(), launchLocalBrowser()]);
    page = browser.page;
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.url).origin });
    await page.goto(demo.url);
    editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('opens with comment lines that fit the editor, no horizontal scrolling', async () => {
    const widths = await editor.evaluate((element) => {
      const right = element.getBoundingClientRect().right;
      return Array.from(element.querySelectorAll('.CodeMirror-line'))
        .filter((line) => (line.textContent ?? '').startsWith('#'))
        .map((line) => ({ text: line.textContent, overflow: (line.firstElementChild?.getBoundingClientRect().right ?? Infinity) - right }));
    });
    expect(widths.length).toBeGreaterThanOrEqual(3);
    expect(widths.filter((line) => line.overflow > 0)).toEqual([]);
  });

  it('builds a query by clicks in the Explorer, and it runs', async () => {
    await setEditorValue(editor, 'query Explore {\n  __typename\n}\n');
    await openPlugin(page, 'GraphiQL Explorer');
    const explorer = page.locator('.graphiql-explorer-root');
    await explorer.locator('[data-field-name="countries"]').first().click();
    await explorer.locator('.graphiql-explorer-countries [data-field-name="items"]').first().click();
    await explorer.locator('.graphiql-explorer-countries [data-field-name="name"]').first().click();
    await explorer.locator('.graphiql-explorer-countries [data-field-name="code"]').first().click();
    await expect.poll(async () => (await editorValue(editor)).replace(/\s+/g, ' ').trim()).toBe('query Explore { countries { items { name code } } }');
    await run(page, editor);
    const { body } = await postGraphQL(demo.url, { query: await editorValue(editor) });
    expect(body.errors).toBeUndefined();
    await openPlugin(page, 'Table view');
    const table = page.locator('.bjet-table');
    await expect.poll(async () => table.locator('tbody tr').count()).toBe((body.data as { countries: { items: unknown[] } }).countries.items.length);
  });

  it('shows the rows the server answered in the table view; the CSV download and copy hold the same', async () => {
    const query = '{ partners(limit: 4, filter: { isCompany: true }) { items { id name city country { name code } } } }';
    await setEditorValue(editor, query);
    await run(page, editor);
    await openPlugin(page, 'Table view');
    const { body } = await postGraphQL(demo.url, { query });
    type Partner = { id: string; name: string; city: string | null; country: { name: string; code: string } | null };
    const items = (body.data as { partners: { items: Partner[] } }).partners.items;
    expect(items).toHaveLength(4);
    const columns = ['id', 'name', 'city', 'country.name', 'country.code'];
    const rows = items.map((p) => [p.id, p.name, p.city ?? '', p.country?.name ?? '', p.country?.code ?? '']);

    const table = page.locator('.bjet-table');
    await expect.poll(async () => table.locator('.bjet-table-title').innerText()).toBe('partners.items: 4 rows');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(columns);
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(shown).toEqual(rows);

    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('partners.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toBe([columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');

    await table.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(async () => table.locator('.bjet-table-copied').innerText()).toBe('copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(
      copied
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\t')),
    ).toEqual([columns, ...rows]);
  });

  it('shows extensions.cost and each error code and message in the status line', async () => {
    const query = '{ countries(limit: 2) { items { code } } productTags(limit: 2) { items { name } } }';
    await setEditorValue(editor, query);
    await run(page, editor);
    const { body } = await postGraphQL(demo.url, { query });
    const cost = (body.extensions as { cost: { restCalls: number; sharedCalls: number } }).cost;
    expect(cost.restCalls).toBe(2);
    const status = page.locator('#bjet-status');
    expect(await status.locator('.bjet-status-cost').innerText()).toContain(`REST calls: ${cost.restCalls} · shared calls: ${cost.sharedCalls}`);
    expect(await status.locator('.bjet-status-error').count()).toBe(0);

    const bad = '{ countries { items { nope } } }';
    await setEditorValue(editor, bad);
    await run(page, editor);
    const answer = await postGraphQL(demo.url, { query: bad });
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await status.locator('.bjet-status-error').allInnerTexts()).toEqual([`GRAPHQL_VALIDATION_FAILED: ${error?.message ?? ''}`]);
  });

  it('loaded the explorer and our plugin from 127.0.0.1 and sent nothing elsewhere', () => {
    const origin = new URL(demo.url).origin;
    for (const asset of ['plugin-explorer.umd.js', 'plugin-explorer.css', 'bjet-graphiql.js', 'bjet-graphiql.css']) {
      expect(browser.requested).toContain(`${origin}/graphiql/assets/${asset}`);
    }
    expect(browser.offHost).toEqual([]);
  });
});
