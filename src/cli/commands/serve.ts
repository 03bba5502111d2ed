import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'serve',
  async run() {
    process.stderr.write('bjet-graphql serve: not implemented yet\n');
    return 2;
  },
};
