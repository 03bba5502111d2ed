/**
 * The commented starter config `bjet-graphql init` writes: the base URL, one auth whose secrets
 * come from the environment (never written to the file), and one entry per endpoint name given.
 */
export type StarterAuth = 'none' | 'basic' | 'bearer' | 'forward';

export interface StarterConfigOptions {
  readonly baseUrl: string;
  readonly endpoints: readonly string[];
  readonly auth: StarterAuth;
}

/** The environment variables the starter's auth reads (none for `none` and `forward`). */
export function starterAuthVariables(auth: StarterAuth): readonly string[] {
  switch (auth) {
    case 'basic':
      return ['BJET_LOGIN', 'BJET_PASSWORD'];
    case 'bearer':
      return ['BJET_TOKEN'];
    case 'none':
    case 'forward':
      return [];
  }
}

function printAuth(auth: StarterAuth): string {
  switch (auth) {
    case 'none':
      return '{ type: none }';
    case 'basic':
      return '{ type: basic, login: "${BJET_LOGIN}", password: "${BJET_PASSWORD}" }';
    case 'bearer':
      return '{ type: bearer, token: "${BJET_TOKEN}" }';
    case 'forward':
      return "{ type: forward }   # each GraphQL request's own Authorization goes upstream";
  }
}

export function printStarterConfig(options: StarterConfigOptions): string {
  const endpoints = options.endpoints.map(
    (name) =>
      `  ${JSON.stringify(name)}:\n    methods: [GET]          # add POST, PUT, DELETE where the BJET endpoint allows them\n    # filters: [name]      # the filter keys configured on the endpoint\n    # relations: { country_id: countries }   # external key -> endpoint it points to\n`,
  );
  return `# bjet-graphql config, written by \`bjet-graphql init\`. Every key: docs/configuration.md.
# Secrets are read from the environment (\${VAR}); never write them here.
upstream:
  baseUrl: ${JSON.stringify(options.baseUrl)}
  auth: ${printAuth(options.auth)}
  # The vendor's proxy allows about 100 requests a minute per IP: stay under it.
  rateLimitPerMinute: 90

endpoints:
${endpoints.join('\n')}
server:
  port: 4000
  # corsOrigins: [http://localhost:5173]   # a frontend on another origin

# After editing: \`bjet-graphql introspect\` writes schema/, \`bjet-graphql serve\` serves it.
`;
}
