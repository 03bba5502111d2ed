/**
 * One stack (start-stack.ts) for a test file: started before its tests, closed after them, the
 * simulator's request record cleared before each test (so each test's call counts are its own).
 * The stack returned reads through to the one started.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startStack, type Stack, type StackOptions } from './start-stack.js';

export function useStackPerFile(options: StackOptions = {}): Stack {
  let started: Stack | null = null;
  const current = (): Stack => {
    if (started === null) throw new Error('useStackPerFile: the stack starts in beforeAll; use it inside tests or hooks');
    return started;
  };
  beforeAll(async () => {
    started = await startStack(options);
  });
  afterAll(async () => {
    await started?.close();
    started = null;
  });
  beforeEach(() => current().simulator.clearRecords());
  return {
    get simulator() {
      return current().simulator;
    },
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    get config() {
      return current().config;
    },
    gql: (query, variables, headers) => current().gql(query, variables, headers),
    calls: () => current().calls(),
    close: () => current().close(),
  };
}
