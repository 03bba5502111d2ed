/**
 * A steady stream of GraphQL operations from a few concurrent clients, each one recorded with the
 * phase it started in (set by the test) and whether its answer carried `extensions.cost`. Any
 * status but 200, any error in the body, a reset or a refused connection is a failure.
 */
import { postGraphQL } from './start-stack.js';

export interface LoadedOperation {
  /** The phase it started in, and the one it was answered in. */
  readonly phase: string;
  readonly answeredIn: string;
  readonly cost: boolean;
}

export interface OperationLoad {
  /** Operations started from now on carry this phase. */
  setPhase(phase: string): void;
  readonly done: LoadedOperation[];
  readonly failures: string[];
  /** Resolves once `count` more operations than now have been answered. */
  untilMore(count: number): Promise<void>;
  stop(): Promise<void>;
}

/** `queryOf(client)`: the operation client number `client` sends (distinct ones are not shared in flight). */
export function startOperationLoad(url: string, queryOf: (client: number) => string, clients: number): OperationLoad {
  let phase = 'start';
  let running = true;
  const done: LoadedOperation[] = [];
  const failures: string[] = [];
  const client = async (index: number): Promise<void> => {
    const query = queryOf(index);
    while (running) {
      const started = phase;
      try {
        // Past the cache: every operation calls the upstream, so it is in flight there for a while.
        const response = await postGraphQL(url, { query }, { 'cache-control': 'no-cache' });
        if (response.status !== 200 || response.body.errors !== undefined) failures.push(`${started}: ${response.status} ${response.text}`);
        else done.push({ phase: started, answeredIn: phase, cost: response.body.extensions?.['cost'] !== undefined });
      } catch (error) {
        failures.push(`${started}: ${error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)}`);
      }
    }
  };
  const all = Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  return {
    setPhase(next) {
      phase = next;
    },
    done,
    failures,
    async untilMore(count) {
      const target = done.length + failures.length + count;
      while (done.length + failures.length < target) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async stop() {
      running = false;
      await all;
    },
  };
}
