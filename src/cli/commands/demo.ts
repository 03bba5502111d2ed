import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'demo',
  async run() {
    process.stderr.write('bjet-graphql demo: not implemented yet\n');
    return 2;
  },
};
