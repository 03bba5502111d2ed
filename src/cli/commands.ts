/** The CLI's commands; each lives in its own file under commands/ and parses its own options. */
export interface Command {
  readonly summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

const lazy = (summary: string, load: () => Promise<{ command: Command }>): Command => ({
  summary,
  run: async (args) => (await load()).command.run(args),
});

// Loaded lazily so that `simulate` does not pay for Apollo and `serve` does not pay for the simulator.
export const COMMANDS = {
  demo: lazy('start the simulator in-process and serve GraphQL on it (npm start)', () => import('./commands/demo.js')),
  serve: lazy('serve GraphQL over a configured upstream', () => import('./commands/serve.js')),
  simulate: lazy('run the BJET-compatible upstream simulator alone', () => import('./commands/simulate.js')),
  introspect: lazy('sample the endpoints and write the schema under schema/', () => import('./commands/introspect.js')),
  check: lazy('re-introspect and compare with schema/ (exit 1 on drift)', () => import('./commands/check.js')),
  init: lazy('write a starter config for your BJET endpoints, then a first introspection', () => import('./commands/init.js')),
  'print-sdl': lazy('print the subgraph SDL for a supergraph', () => import('./commands/print-sdl.js')),
} as const satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
