import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { readRedisTls } from '../../../src/redis/read-redis-tls.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bjet-tls-'));
  await writeFile(path.join(dir, 'ca.pem'), 'CA PEM');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readRedisTls', () => {
  it('reads the files it names and nothing else', () => {
    const options = readRedisTls({ caFile: path.join(dir, 'ca.pem'), certFile: null, keyFile: null });
    expect(Object.keys(options)).toEqual(['ca']);
    expect(String(options.ca)).toBe('CA PEM');
  });

  it('makes an unreadable file CONFIG_INVALID naming the setting and the path', () => {
    const missing = path.join(dir, 'client.pem');
    const error = (() => {
      try {
        readRedisTls({ caFile: null, certFile: missing, keyFile: missing });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BjetError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as BjetError).message).toContain(`redis.tls.certFile: cannot read ${missing} (ENOENT)`);
  });
});
