import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createTallyCounter } from '../../../src/metrics/create-tally-counter.js';

describe('createTallyCounter', () => {
  it('shows the counts by label values at each scrape, cumulatively, and nothing before the first', async () => {
    const registry = new Registry();
    const tally = createTallyCounter({ name: 'test_hits_total', help: 'Hits', labelNames: ['endpoint', 'kind'], registers: [registry] });
    expect(await registry.metrics()).not.toContain('test_hits_total{');
    tally('partners', 'fresh');
    tally('partners', 'fresh');
    tally('partners', 'stale');
    tally('countries', 'fresh');
    const first = await registry.metrics();
    expect(first).toContain('test_hits_total{endpoint="partners",kind="fresh"} 2');
    expect(first).toContain('test_hits_total{endpoint="partners",kind="stale"} 1');
    expect(first).toContain('test_hits_total{endpoint="countries",kind="fresh"} 1');
    tally('partners', 'fresh');
    const second = await registry.metrics();
    expect(second).toContain('test_hits_total{endpoint="partners",kind="fresh"} 3');
    expect(second).toContain('test_hits_total{endpoint="countries",kind="fresh"} 1');
    expect(second).toContain('# TYPE test_hits_total counter');
  });

  it('keeps label values apart that would run together joined', async () => {
    const registry = new Registry();
    const tally = createTallyCounter({ name: 'test_pairs_total', help: 'Pairs', labelNames: ['a', 'b'], registers: [registry] });
    tally('x', 'yz');
    tally('xy', 'z');
    const text = await registry.metrics();
    expect(text).toContain('test_pairs_total{a="x",b="yz"} 1');
    expect(text).toContain('test_pairs_total{a="xy",b="z"} 1');
  });
});
