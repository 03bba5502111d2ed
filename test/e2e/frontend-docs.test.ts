/**
 * docs/frontend.md's path from an empty app, run as written: its code blocks (each names its file on
 * the first line) are written into an empty ESM directory, codegen runs against a running server,
 * TypeScript type-checks the result with `module: NodeNext`, and `src/main.ts` prints the partner.
 * Only the server's address is replaced (the server listens on a free port).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startStack, type Stack } from '../support/start-stack.js';

const run = promisify(execFile);
const DOC_URL = 'http://127.0.0.1:4000/graphql';

/** The doc's blocks that name a file on their first line (`// codegen.ts`, `# src/partner.graphql`). */
function fileBlocks(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of markdown.matchAll(/```(?:ts|graphql)\n(?:\/\/|#) ([\w./-]+)\n([\s\S]*?)```/g)) {
    files.set(match[1] ?? '', match[2] ?? '');
  }
  return files;
}

let stack: Stack;
let app = '';

beforeAll(async () => {
  stack = await startStack();
  app = await mkdtemp(path.join(os.tmpdir(), 'bjet-frontend-'));
});

afterAll(async () => {
  await stack?.close();
  if (app !== '') await rm(app, { recursive: true, force: true });
});

describe('docs/frontend.md from an empty app', () => {
  it('generates, type-checks under NodeNext and runs', async () => {
    const files = fileBlocks(await readFile(path.join(REPO_ROOT, 'docs', 'frontend.md'), 'utf8'));
    expect([...files.keys()].sort()).toEqual(['codegen.ts', 'src/main.ts', 'src/partner.graphql']);
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          outDir: 'out',
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    // The packages the doc installs, from this repository's own install.
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'));
    await mkdir(path.join(app, 'src'));
    for (const [file, text] of files) await writeFile(path.join(app, file), text.replaceAll(DOC_URL, stack.url));

    await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'codegen.ts'], { cwd: app });
    expect(await readFile(path.join(app, 'src', 'gql', 'index.ts'), 'utf8')).toContain('from "./gql.js"');
    await run(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: app });
    const { stdout } = await run(process.execPath, [path.join(app, 'out', 'main.js')], { cwd: app });
    const direct = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ partner(id: "7") { name } }' }),
    });
    const name = ((await direct.json()) as { data: { partner: { name: string } } }).data.partner.name;
    expect(name.length).toBeGreaterThan(0);
    expect(stdout).toBe(`${name}\n`);
  });
});
