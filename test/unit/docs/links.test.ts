/**
 * Every relative link in README.md and docs/ points at a file that exists, and every `#anchor` at a
 * heading of its target (GitHub's slugs: lower case, punctuation dropped, spaces to hyphens).
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function markdownFiles(): string[] {
  const files = ['README.md', 'bench/README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) files.push(relative);
    }
  };
  walk('docs');
  return files;
}

function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

export function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const anchors = new Set<string>();
  for (const match of text.matchAll(/^#{1,6} (.+)$/gm)) anchors.add(slugOf(match[1] ?? ''));
  return anchors;
}

describe('links in the docs', () => {
  const files = markdownFiles();

  it('finds the guides', () => {
    expect(files).toContain(path.join('docs', 'configuration.md'));
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(`${file}: every relative link resolves`, () => {
      const text = withoutCode(readFileSync(path.join(root, file), 'utf8'));
      const broken: string[] = [];
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = match[1] ?? '';
        if (/^[a-z]+:/i.test(link)) continue;
        const [target = '', anchor] = link.split('#');
        const resolved = target === '' ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), target);
        if (!existsSync(resolved)) broken.push(link);
        else if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(link);
      }
      expect(broken).toEqual([]);
    });
  }
});
