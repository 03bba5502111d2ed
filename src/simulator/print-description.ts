/** The text `bjet-graphql simulate` prints: base URL, then each endpoint's auth (with credentials) and methods. */
import type { EndpointDescription, SimAuth } from './types.js';

function printAuth(auth: SimAuth): string {
  switch (auth.type) {
    case 'none':
      return 'none';
    case 'basic':
      return `basic (login "${auth.login}", password "${auth.password}")`;
    case 'bearer':
      return `bearer (token "${auth.token}")`;
  }
}

/** Credentials are printed on purpose: the simulator is a local dev tool with demo secrets. */
export function printDescription(baseUrl: string, endpoints: readonly EndpointDescription[]): string {
  const width = Math.max(...endpoints.map((endpoint) => endpoint.name.length));
  const lines = endpoints.map((endpoint) => {
    const filters = endpoint.filters.map((filter) => `${filter.key}(${filter.operator})`).join(' ');
    return `  ${endpoint.name.padEnd(width)}  ${endpoint.methods.join(',').padEnd(19)} id=${endpoint.idKey.padEnd(12)} ${String(endpoint.count).padStart(5)} records  auth: ${printAuth(endpoint.auth)}  filters: ${filters}`;
  });
  return `BJET simulator listening on ${baseUrl}\n${lines.join('\n')}\n`;
}
