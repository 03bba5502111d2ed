import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter((l) => l !== '') };
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
