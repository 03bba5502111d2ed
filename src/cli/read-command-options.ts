/**
 * A command's options, read the same way by every command that has only plain options: a bad option
 * is a usage error (exit 2, and where to find the usage), `--help` prints the usage (exit 0). The
 * exit code is returned in place of the options for the command to return.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T }>>['values'];

export function readCommandOptions<T extends Options>(name: string, args: readonly string[], options: T, usage: string): Values<T> | number {
  let values: Values<T>;
  try {
    values = parseArgs({ args: [...args], options }).values;
  } catch (error) {
    process.stderr.write(`bjet-graphql ${name}: ${error instanceof Error ? error.message : String(error)}\nRun \`bjet-graphql ${name} --help\`.\n`);
    return 2;
  }
  if ((values as Readonly<Record<string, unknown>>)['help'] === true) {
    process.stdout.write(usage);
    return 0;
  }
  return values;
}
