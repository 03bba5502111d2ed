/** CLI entry: `bjet-graphql <command> [options]`. Returns the process exit code. */
import { BjetError } from '../errors/bjet-error.js';
import { ERROR_CODES } from '../errors/codes.js';
import { COMMANDS, type CommandName } from './commands.js';

const USAGE = `Usage: bjet-graphql <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(11)} ${command.summary}`)
  .join('\n')}

Run \`bjet-graphql <command> --help\` for a command's options.
`;

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (!isCommandName(name)) {
    process.stderr.write(`bjet-graphql: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await COMMANDS[name].run(rest);
  } catch (error) {
    if (error instanceof BjetError) {
      process.stderr.write(`bjet-graphql ${name}: ${error.code}: ${error.message}\n`);
      return ERROR_CODES[error.code].exitCode;
    }
    process.stderr.write(`bjet-graphql ${name}: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return ERROR_CODES.INTERNAL_SERVER_ERROR.exitCode;
  }
}
