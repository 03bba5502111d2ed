import { describe, expect, it } from 'vitest';
import { createGenerationPool } from '../../../src/reload/create-generation-pool.js';

interface Disposal {
  readonly retired: string;
  readonly stillLive: readonly string[];
  readonly number: number;
}

function poolOf(first: string) {
  const disposed: Disposal[] = [];
  const errors: unknown[] = [];
  const pool = createGenerationPool<string>(
    first,
    async (retired, stillLive, number) => {
      disposed.push({ retired, stillLive: [...stillLive], number });
      if (retired === 'broken') throw new Error('close failed');
    },
    (error) => errors.push(error),
  );
  return { pool, disposed, errors };
}

describe('createGenerationPool', () => {
  it('a generation nothing holds is disposed at the swap, with the new one still live', async () => {
    const { pool, disposed } = poolOf('a');
    pool.swap('b');
    await pool.settled();
    expect(disposed).toEqual([{ retired: 'a', stillLive: ['b'], number: 0 }]);
    expect(pool.current()).toBe('b');
    expect(pool.currentNumber()).toBe(1);
    expect(pool.live()).toEqual(['b']);
  });

  it('a held generation finishes its work and is disposed only at its last release', async () => {
    const { pool, disposed } = poolOf('a');
    const first = pool.enter();
    const second = pool.enter();
    pool.swap('b');
    const onNew = pool.enter();
    expect([first.value, second.value, onNew.value]).toEqual(['a', 'a', 'b']);
    expect(pool.live()).toEqual(['b', 'a']);
    first.release();
    first.release();
    await pool.settled();
    expect(disposed).toEqual([]);
    second.release();
    await pool.settled();
    expect(disposed).toEqual([{ retired: 'a', stillLive: ['b'], number: 0 }]);
    onNew.release();
    await pool.settled();
    expect(disposed).toHaveLength(1);
  });

  it('two reloads while old work runs: each old one waits for its own leases', async () => {
    const { pool, disposed } = poolOf('a');
    const onA = pool.enter();
    pool.swap('b');
    const onB = pool.enter();
    pool.swap('c');
    expect(pool.live()).toEqual(['c', 'a', 'b']);
    onB.release();
    await pool.settled();
    expect(disposed).toEqual([{ retired: 'b', stillLive: ['a', 'c'], number: 1 }]);
    expect(pool.currentNumber()).toBe(2);
    onA.release();
    await pool.settled();
    expect(disposed).toEqual([
      { retired: 'b', stillLive: ['a', 'c'], number: 1 },
      { retired: 'a', stillLive: ['c'], number: 0 },
    ]);
  });

  it('closeAll disposes held generations too, oldest first, the last one seeing nothing live', async () => {
    const { pool, disposed } = poolOf('a');
    const held = pool.enter();
    pool.swap('b');
    await pool.closeAll();
    expect(disposed).toEqual([
      { retired: 'a', stillLive: ['b'], number: 0 },
      { retired: 'b', stillLive: [], number: 1 },
    ]);
    held.release();
    await pool.settled();
    expect(disposed).toHaveLength(2);
  });

  it('a failing disposal is reported, and the pool goes on', async () => {
    const { pool, disposed, errors } = poolOf('broken');
    pool.swap('b');
    await pool.settled();
    expect(errors).toEqual([new Error('close failed')]);
    pool.swap('c');
    await pool.settled();
    expect(disposed.map((disposal) => disposal.retired)).toEqual(['broken', 'b']);
  });
});
