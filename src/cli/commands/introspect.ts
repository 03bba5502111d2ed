import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'introspect',
  async run() {
    process.stderr.write('bjet-graphql introspect: not implemented yet\n');
    return 2;
  },
};
