import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';
import { CENSOR, scrubSecrets } from '../../../src/logging/scrub-secrets.js';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

describe('createLogger', () => {
  it('redacts credential keys at any of the first levels', () => {
    const out = capture();
    const logger = createLogger({ level: 'debug', destination: out.stream });
    logger.info(
      {
        authorization: 'Bearer s3cret-token',
        password: 'pw-1',
        req: { headers: { authorization: 'Basic abc', cookie: 'sid=1', 'set-cookie': 'sid=2' } },
        auth: { token: 'tok-2' },
        deep: { a: { b: { password: 'pw-3' } } },
        keep: 'visible',
      },
      'hello',
    );
    const text = out.lines().join('\n');
    for (const secret of ['s3cret-token', 'pw-1', 'Basic abc', 'sid=1', 'sid=2', 'tok-2', 'pw-3']) {
      expect(text).not.toContain(secret);
    }
    const line = JSON.parse(out.lines()[0] ?? '{}') as Record<string, unknown>;
    expect(line['msg']).toBe('hello');
    expect(line['keep']).toBe('visible');
    expect(line['authorization']).toBe('[redacted]');
  });

  it('redacts whatever the key’s case, inside arrays, in child bindings, and keeps an error’s message', () => {
    const out = capture();
    const error = Object.assign(new Error('upstream said no'), { config: { headers: { Authorization: 'Bearer e-tok' } } });
    const child = createLogger({ destination: out.stream }).child({ component: 'x', apiKey: 'bound-key' });
    child.error({ err: error, calls: [{ PASSWORD: 'pw-4' }, { 'X-Api-Key': 'k-5' }], proxy: { 'Proxy-Authorization': 'Basic p6' } }, 'failed');
    const text = out.lines().join('\n');
    for (const secret of ['e-tok', 'pw-4', 'k-5', 'Basic p6', 'bound-key']) expect(text).not.toContain(secret);
    const line = JSON.parse(out.lines()[0] ?? '{}') as { err: { message: string; stack: string }; component: string };
    expect(line.err.message).toBe('upstream said no');
    expect(line.err.stack).toContain('upstream said no');
    expect(line.component).toBe('x');
  });

  it('copies nothing when there is no secret, and never changes the logged object', () => {
    const clean = { requestId: 'r1', nested: { list: [1, { a: 'b' }] } };
    expect(scrubSecrets(clean)).toBe(clean);
    const dirty = { nested: { token: 't', keep: 1 }, other: { a: 1 } };
    const scrubbed = scrubSecrets(dirty);
    expect(scrubbed).toEqual({ nested: { token: CENSOR, keep: 1 }, other: { a: 1 } });
    expect(dirty.nested.token).toBe('t');
    expect(scrubbed.other).toBe(dirty.other);
  });

  it('honours the level', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', destination: out.stream });
    logger.info('not shown');
    logger.warn('shown');
    expect(out.lines().map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
  });

  it('binds base fields to every line', () => {
    const out = capture();
    createLogger({ destination: out.stream, base: { component: 'upstream' } }).info('x');
    expect((JSON.parse(out.lines()[0] ?? '{}') as { component: string }).component).toBe('upstream');
  });
});
