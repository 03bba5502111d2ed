import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCliBundle, loadCliBundle, printBuildIdLine, type CliBundleFiles } from '../../../src/cli/load-cli-bundle.js';

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bjet-bundle-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A tiny bundle in the build's shape (CommonJS exporting `main`, its build id on the last line).
 * Each is distinct, so that V8's in-process compilation cache never answers for the code cache.
 */
async function writeBundle(options: { buildId?: string } = {}): Promise<CliBundleFiles> {
  count += 1;
  const files = { bundle: path.join(dir, `cli-${count}.cjs`), cache: path.join(dir, `cli-${count}.cjs.cache`), tscEntry: path.join(dir, `main-${count}.js`) };
  const code = `const base = ${count};\nexports.main = async (argv) => argv.length + 40 + base - ${count};`;
  await writeFile(files.bundle, options.buildId === undefined ? code : code + printBuildIdLine(options.buildId));
  return files;
}

async function withCacheFrom(files: CliBundleFiles): Promise<void> {
  const first = loadCliBundle(files);
  await first.main([]);
  await writeFile(files.cache, first.createCodeCache());
}

describe('findCliBundle', () => {
  it('is missing when the build made no bundle', () => {
    expect(findCliBundle({ bundle: path.join(dir, 'none.cjs'), cache: path.join(dir, 'none.cjs.cache'), tscEntry: path.join(dir, 'none.js') })).toBe('missing');
  });

  it('is older when tsc wrote its output after the bundle, current otherwise', async () => {
    const files = await writeBundle({ buildId: 'e6' });
    expect(findCliBundle(files)).toBe('current');
    await writeFile(files.tscEntry, 'export {};');
    await utimes(files.bundle, 1_000, 1_000);
    await utimes(files.tscEntry, 2_000, 2_000);
    expect(findCliBundle(files)).toBe('older');
    await utimes(files.bundle, 3_000, 3_000);
    expect(findCliBundle(files)).toBe('current');
  });
});

describe('loadCliBundle', () => {
  it('runs the bundle without a cache, and says the cache is missing', async () => {
    const cli = loadCliBundle(await writeBundle({ buildId: 'a1' }));
    expect(cli.codeCache).toBe('missing');
    expect(await cli.main(['x', 'y'])).toBe(42);
  });

  it('accepts the cache it made for the same build', async () => {
    const files = await writeBundle({ buildId: 'b2' });
    await withCacheFrom(files);
    expect((await readFile(files.cache, 'latin1')).startsWith(`bjet-graphql-code-cache-v1 b2 ${process.version}\n`)).toBe(true);
    const cli = loadCliBundle(files);
    expect(cli.codeCache).toBe('accepted');
    expect(await cli.main(['x'])).toBe(41);
  });

  it('calls a cache made for another build stale and compiles without it', async () => {
    const files = await writeBundle({ buildId: 'c3' });
    await withCacheFrom(files);
    const rebuilt = await writeBundle({ buildId: 'c4' });
    await writeFile(rebuilt.cache, await readFile(files.cache));
    const cli = loadCliBundle(rebuilt);
    expect(cli.codeCache).toBe('stale');
    expect(await cli.main([])).toBe(40);
  });

  it('calls any cache stale when the bundle has no build id', async () => {
    const files = await writeBundle();
    await writeFile(files.cache, 'bjet-graphql-code-cache-v1 none\n');
    expect(loadCliBundle(files).codeCache).toBe('stale');
  });

  it('runs the bundle when V8 rejects the data behind a matching header', async () => {
    const files = await writeBundle({ buildId: 'd5' });
    await writeFile(files.cache, Buffer.concat([Buffer.from(`bjet-graphql-code-cache-v1 d5 ${process.version}\n`), Buffer.alloc(512, 7)]));
    const cli = loadCliBundle(files);
    expect(cli.codeCache).toBe('rejected');
    expect(await cli.main(['x', 'y', 'z'])).toBe(43);
  });

  it('refuses a bundle that does not export main', async () => {
    const files = { bundle: path.join(dir, 'no-main.cjs'), cache: path.join(dir, 'no-main.cjs.cache'), tscEntry: path.join(dir, 'no-main.js') };
    await writeFile(files.bundle, 'exports.other = 1;');
    expect(() => loadCliBundle(files)).toThrow(`${files.bundle} does not export main`);
  });
});
