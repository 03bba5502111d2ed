import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BjetError } from '../../../src/errors/bjet-error.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { buildFormatError } from '../../../src/server/build-format-error.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
  return { lines, format: buildFormatError(logger) };
}

describe('buildFormatError', () => {
  it('gives a BjetError its code and safe extensions, wherever GraphQL wrapped it', () => {
    const { format } = capture();
    const cause = new BjetError('BAD_USER_INPUT', 'No partner 9', {
      upstream: { status: 400, endpoint: 'sale-orders', method: 'POST', path: '/sale-orders', lineId: 'partner_id' },
    });
    const wrapped = new GraphQLError(cause.message, { originalError: cause, path: ['createSaleOrder'] });
    expect(format({ message: 'x', path: ['createSaleOrder'] }, wrapped)).toEqual({
      message: 'No partner 9',
      locations: undefined,
      path: ['createSaleOrder'],
      extensions: {
        code: 'BAD_USER_INPUT',
        upstream: { status: 400, endpoint: 'sale-orders', method: 'POST', path: '/sale-orders', lineId: 'partner_id' },
      },
    });
  });

  it("keeps GraphQL's own errors as formatted", () => {
    const { format } = capture();
    const formatted = { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(format(formatted, new GraphQLError('Cannot query field "x"'))).toBe(formatted);
  });

  it('reports a non-null violation (the upstream sent false where schema/ promised a value) as UPSTREAM_BAD_RESPONSE', () => {
    const { format } = capture();
    const message = 'Cannot return null for non-nullable field Partner.name.';
    const formatted = { message, path: ['partner', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(formatted, new GraphQLError(message))).toEqual({
      message: 'The upstream sent no value for Partner.name, which schema/ declares non-null: run `bjet-graphql check` and re-introspect',
      locations: undefined,
      path: ['partner', 'name'],
      extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
    });
  });

  it('masks anything else and logs it', () => {
    const { format, lines } = capture();
    const bug = new TypeError('secret internals at /srv/app.js');
    const result = format({ message: bug.message, path: ['partners'] }, new GraphQLError(bug.message, { originalError: bug }));
    expect(result).toEqual({ message: 'Internal server error', locations: undefined, path: ['partners'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('secret internals');
  });
});
