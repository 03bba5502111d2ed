/**
 * Property-based fuzzing of the real server on the simulator: random operations over the
 * committed schema (test/support/operation-arbitrary.ts) with random arguments and variables.
 * Whatever is sent: no 5xx, no crash, every error carries a known code (never a masked internal
 * one), and the REST calls the simulator saw never exceed the budget, as `extensions.cost` says.
 *
 * A few seconds in `npm test`; FUZZ_RUNS=<n> (and FUZZ_SEED=<seed> to replay) for a longer run.
 */
import fc from 'fast-check';
import { buildASTSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { operationArbitrary, type FuzzOperation } from '../../support/operation-arbitrary.js';
import { SCHEMA_DIR, startStack, type Stack } from '../../support/start-stack.js';
import { withServer } from './stack-options.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
/** Apollo's own codes (ApolloServerErrorCode) that may answer a malformed or invalid operation. */
const APOLLO_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE'];
const KNOWN_CODES = new Set([...Object.keys(ERROR_CODES), ...APOLLO_CODES].filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

// Built with this module's graphql (the subgraph's own schema may come from another copy of it);
// the federation directives are only carried along, which is all the generator needs.
const schema = buildASTSchema(parse(readFileSync(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8')), { assumeValidSDL: true });
const tally = { operations: 0, withData: 0, withErrors: 0, restCalls: 0, maxRestCalls: 0, codes: new Map<string, number>() };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(withServer({ costInExtensions: true }));
});
afterAll(async () => {
  await stack.close();
  if (process.env['FUZZ_RUNS'] !== undefined) {
    const codes = [...tally.codes]
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => `${code} ${count}`)
      .join(', ');
    process.stdout.write(
      `fuzz: ${tally.operations} operations, ${tally.withData} with data, ${tally.withErrors} with errors, ` +
        `${tally.restCalls} REST calls (at most ${tally.maxRestCalls} in one); codes: ${codes}\n`,
    );
  }
});

async function check(operation: FuzzOperation): Promise<void> {
  stack.simulator.clearRecords();
  const response = await stack.gql(operation.query, operation.variables);
  const calls = stack.calls().length;
  tally.operations += 1;
  tally.restCalls += calls;
  tally.maxRestCalls = Math.max(tally.maxRestCalls, calls);
  if (response.body.data !== undefined && response.body.data !== null) tally.withData += 1;
  expect(response.status, response.text).toBeLessThan(500);
  expect(calls).toBeLessThanOrEqual(stack.config.server.budget);
  const cost = response.body.extensions?.['cost'] as { restCalls?: number } | undefined;
  // Refused before execution (parse, validation, limits): no cost report, and no call.
  if (cost === undefined) expect(calls).toBe(0);
  else expect(cost.restCalls).toBe(calls);
  if (response.body.errors === undefined) return;
  tally.withErrors += 1;
  for (const error of response.body.errors) {
    const code = String(error.extensions?.['code']);
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    expect(KNOWN_CODES.has(code), `${code}: ${error.message}\n${operation.query}`).toBe(true);
  }
}

describe('fuzzing the server', () => {
  it('answers random operations with coded errors and within the budget', { timeout: Math.max(30_000, RUNS * 500) }, async () => {
    const arbitrary = operationArbitrary(schema, { mutations: true });
    await fc.assert(fc.asyncProperty(arbitrary, check), { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) });
    const health = await fetch(new URL('/healthz', stack.url));
    expect(health.status).toBe(200);
  });
});
