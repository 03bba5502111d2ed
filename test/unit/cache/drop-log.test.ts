import { describe, expect, it } from 'vitest';
import { DropLog } from '../../../src/cache/drop-log.js';

describe('DropLog', () => {
  it('a read that started before a drop keeps nothing of what was dropped, and the rest', () => {
    const log = new DropLog();
    const mark = log.mark('partners');
    log.drop('partners', ['5'], false);
    expect(log.mayKeepRecord('partners', '5', mark)).toBe(false);
    expect(log.mayKeepRecord('partners', '6', mark)).toBe(true);
    expect(log.mayKeepList('partners', mark)).toBe(true);
    log.drop('partners', [], true);
    expect(log.mayKeepList('partners', mark)).toBe(false);
    expect(log.mayKeepRecord('partners', '6', mark)).toBe(true);
    expect(log.mayKeepRecord('products', '5', mark)).toBe(true);
  });

  it('a read that started after the drop keeps all', () => {
    const log = new DropLog();
    log.drop('partners', ['5'], true);
    const mark = log.mark('partners');
    expect(log.mayKeepRecord('partners', '5', mark)).toBe(true);
    expect(log.mayKeepList('partners', mark)).toBe(true);
  });

  it('past its bound of remembered ids, a drop stands for every record of the endpoint', () => {
    const log = new DropLog();
    const mark = log.mark('partners');
    log.drop(
      'partners',
      Array.from({ length: 10_001 }, (_, index) => String(index)),
      false,
    );
    expect(log.mayKeepRecord('partners', 'never-dropped', mark)).toBe(false);
    const later = log.mark('partners');
    expect(log.mayKeepRecord('partners', 'never-dropped', later)).toBe(true);
  });
});
