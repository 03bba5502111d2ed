import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'check',
  async run() {
    process.stderr.write('bjet-graphql check: not implemented yet\n');
    return 2;
  },
};
