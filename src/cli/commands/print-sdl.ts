import type { Command } from '../commands.js';

export const command: Command = {
  summary: 'print-sdl',
  async run() {
    process.stderr.write('bjet-graphql print-sdl: not implemented yet\n');
    return 2;
  },
};
