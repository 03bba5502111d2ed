/** CLI entry: `bjet-graphql <command> [options]`. Returns the process exit code. */
import { readFileSync } from 'node:fs';
import { didYouMean } from '../config/did-you-mean.js';
import { BjetError } from '../errors/bjet-error.js';
import { ERROR_CODES } from '../errors/codes.js';
import { COMMANDS, type CommandName } from './commands.js';

const USAGE = `Usage: bjet-graphql <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(11)} ${command.summary}`)
  .join('\n')}

Run \`bjet-graphql <command> --help\` for a command's options, \`bjet-graphql --version\` for the version.
`;

/** The package's version: package.json is two levels above this file in src/, dist/ and dist/bundle/. */
function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`bjet-graphql ${readVersion()}\n`);
    return 0;
  }
  if (!isCommandName(name)) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    process.stderr.write(`bjet-graphql: unknown command "${name}"${hint === null ? '' : `; did you mean \`${hint}\`?`}\n\n${USAGE}`);
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
