import { describe, expect, it } from 'vitest';
import type { ContenderName } from '../../../bench/lib/contenders.js';
import { cachedCpuTarget, type Lookup } from '../../../bench/lib/evaluate-targets.js';
import { statOf, type CellSummary } from '../../../bench/lib/summarize-samples.js';

const cell = (contender: ContenderName, cpuMs: readonly number[], restPerOp: readonly number[]): CellSummary => ({
  latencyMs: 0,
  variant: 'plain',
  query: 'Q1',
  contender,
  rounds: cpuMs.length,
  voidRounds: 0,
  allVoid: false,
  failed: 0,
  laggedRounds: 0,
  rps: statOf([1000]),
  p50Ms: statOf([1]),
  p99Ms: statOf([2]),
  restPerOp: statOf(restPerOp),
  cpuMsPerReq: statOf(cpuMs),
  peakRssMb: statOf([100]),
  serverShare: statOf([0.95]),
});

const lookupOf =
  (...cells: CellSummary[]): Lookup =>
  (latencyMs, variant, query, contender) =>
    cells.find((c) => c.latencyMs === latencyMs && c.variant === variant && c.query === query && c.contender === contender);

describe('cachedCpuTarget', () => {
  it('is met below the bound at no REST call, with the ratio to the no-cache build', () => {
    const find = lookupOf(cell('bjet-graphql-cached', [0.05, 0.06, 0.07], [0, 0, 0]), cell('bjet-graphql-no-cache', [0.12, 0.15, 0.2], [1, 1, 1]));
    expect(cachedCpuTarget(find, 'Q1', 0.148)).toEqual({
      target: 'Q1 server CPU fully cached < 0.148 ms per request',
      verdict: 'met',
      evidence: "0.060 ms at REST/op 0.00; 0.40× the no-cache build's 0.150 ms",
    });
  });

  it('is missed at or above the bound', () => {
    const find = lookupOf(cell('bjet-graphql-cached', [0.148], [0]));
    expect(cachedCpuTarget(find, 'Q1', 0.148)).toMatchObject({ verdict: 'missed', evidence: '0.148 ms at REST/op 0.00; the no-cache build not timed' });
  });

  it('is missed when any round made a REST call: that is not the fully cached case', () => {
    const find = lookupOf(cell('bjet-graphql-cached', [0.01, 0.01, 0.01], [0, 0.02, 0]), cell('bjet-graphql-no-cache', [0.2], [1]));
    expect(cachedCpuTarget(find, 'Q1', 0.148)).toMatchObject({ verdict: 'missed', evidence: 'not fully cached: REST/op up to 0.02 (0.010 ms)' });
  });

  it('is not measured when the cached build was not timed', () => {
    expect(cachedCpuTarget(lookupOf(cell('bjet-graphql-no-cache', [0.2], [1])), 'Q2', 0.233)).toEqual({
      target: 'Q2 server CPU fully cached < 0.233 ms per request',
      verdict: 'not measured',
      evidence: 'bjet-graphql-cached not timed',
    });
  });
});
