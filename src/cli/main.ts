/** CLI entry: `bjet-graphql <command> [options]`. Returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  process.stderr.write(`bjet-graphql: command ${command ?? '(none)'} is not implemented yet\n`);
  return 2;
}
