import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'simulate',
  async run() {
    process.stderr.write('bjet-graphql simulate: not implemented yet\n');
    return 2;
  },
};
