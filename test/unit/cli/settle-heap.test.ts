/**
 * settleHeap sets V8's growing factor and collects once (src/cli/settle-heap.ts), in this very
 * process, and hides `gc` again: none in new contexts afterwards. The peak RSS it saves is a
 * benchmark figure (bench/RESULTS.md), not a test's.
 */
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { settleHeap, settleHeapAfterStart, userSetGrowingFactor } from '../../../src/cli/settle-heap.js';

const globals = globalThis as { gc?: unknown };

afterEach(() => {
  delete globals.gc;
});

/** About 40 MB of objects that are garbage as soon as this returns. */
function makeGarbage(): number {
  let kept = 0;
  for (let round = 0; round < 20; round += 1) {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `row ${i}`, tags: [i, round] }));
    kept += rows.length;
  }
  return kept;
}

describe('userSetGrowingFactor', () => {
  it('finds --heap-growing-percent in the command line or NODE_OPTIONS, either spelling', () => {
    expect(userSetGrowingFactor(['--heap-growing-percent=50'], undefined)).toBe(true);
    expect(userSetGrowingFactor([], '--max-old-space-size=512 --heap_growing_percent=20')).toBe(true);
    expect(userSetGrowingFactor(['--max-old-space-size=512', '--expose-gc'], '--enable-source-maps')).toBe(false);
    expect(userSetGrowingFactor([], undefined)).toBe(false);
  });
});

describe('settleHeap', () => {
  it('collects the garbage left behind, then hides gc again', () => {
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(makeGarbage()).toBe(400_000);
    const settled = settleHeap([], undefined);
    expect(settled.heapUsedAfterMb).toBeLessThan(settled.heapUsedBeforeMb);
    expect(settled.ms).toBeGreaterThan(0);
    expect(settled.growingFactor).toBe(1.5);
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(globals.gc).toBeUndefined();
  });

  it("calls the user's own gc (node --expose-gc) once, exposes nothing, and keeps the user's factor", () => {
    let calls = 0;
    globals.gc = () => void (calls += 1);
    const settled = settleHeap(['--expose-gc', '--heap-growing-percent=20'], undefined);
    expect(calls).toBe(1);
    expect(settled.growingFactor).toBeNull();
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe('settleHeapAfterStart', () => {
  it('does nothing with BJET_GRAPHQL_NO_HEAP_SETTLE=1', () => {
    let calls = 0;
    globals.gc = () => void (calls += 1);
    expect(settleHeapAfterStart({ BJET_GRAPHQL_NO_HEAP_SETTLE: '1' })).toBeNull();
    expect(calls).toBe(0);
    expect(settleHeapAfterStart({})).not.toBeNull();
    expect(calls).toBe(1);
  });
});
