import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';
import { createPrettyDestination } from '../../../src/logging/create-pretty-destination.js';
import { resolveLogLevel } from '../../../src/logging/resolve-log-level.js';

describe('resolveLogLevel', () => {
  it('takes LOG_LEVEL over the config, in any case, and the config when it is unset or empty', () => {
    expect(resolveLogLevel('DEBUG', 'info')).toBe('debug');
    expect(resolveLogLevel(undefined, 'warn')).toBe('warn');
    expect(resolveLogLevel('', 'error')).toBe('error');
  });

  it('refuses an unknown level with CONFIG_INVALID', () => {
    expect(() => resolveLogLevel('loud', 'info')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('LOG_LEVEL="loud"') }),
    );
  });
});

describe('createPrettyDestination', () => {
  it('writes readable lines, with secrets still scrubbed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-pretty-'));
    const file = path.join(dir, 'log.txt');
    const fd = openSync(file, 'w');
    try {
      const destination = await createPrettyDestination(fd);
      const logger = createLogger({ destination });
      logger.info({ endpoint: 'partners', authorization: 'Bearer s3cret' }, 'upstream ready');
      // pino-pretty writes through its own stream: wait for the line to land.
      let text = '';
      for (let tries = 0; tries < 200 && !text.includes('upstream ready'); tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        text = readFileSync(file, 'utf8');
      }
      expect(text).toContain('upstream ready');
      expect(text).toContain('INFO');
      expect(text).not.toMatch(/^\{/);
      expect(text).not.toContain('s3cret');
    } finally {
      closeSync(fd);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
