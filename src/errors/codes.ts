/**
 * The one table of error codes. Clients, tests and the CLI match on `code`.
 * The table in docs/errors.md is generated from this one and a test keeps them identical.
 */
interface ErrorCodeSpec {
  /** HTTP status of the GraphQL response when the error is request-level; upstream status is separate. */
  readonly httpStatus: number;
  /** Process exit code when the error ends a CLI command. */
  readonly exitCode: number;
  /** What it means and what to do, one sentence, shown in docs/errors.md. */
  readonly meaning: string;
}

export const ERROR_CODES = {
  BAD_USER_INPUT: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The upstream rejected the input (400, or a `{error, line_id, status_code}` mapping-line failure); `upstream.lineId` names the config line.',
  },
  UNAUTHENTICATED: {
    httpStatus: 401,
    exitCode: 3,
    meaning: 'The upstream answered 401: credentials missing or wrong for that endpoint.',
  },
  FORBIDDEN: {
    httpStatus: 403,
    exitCode: 3,
    meaning: "The upstream answered 403: the endpoint's technical user lacks rights on the Odoo model.",
  },
  NOT_FOUND: {
    httpStatus: 404,
    exitCode: 4,
    meaning: 'The upstream answered 404 to a write or list (a by-id read of an unknown id returns `null` instead of this error).',
  },
  METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    exitCode: 4,
    meaning: 'The upstream answered 405: the method is not enabled on that endpoint.',
  },
  UPSTREAM_RATE_LIMITED: {
    httpStatus: 429,
    exitCode: 5,
    meaning: 'The upstream (or its proxy) answered 429, or the local rate limit had no token before the deadline; retry after `retryAfterMs`.',
  },
  UPSTREAM_ERROR: {
    httpStatus: 502,
    exitCode: 5,
    meaning: 'The upstream answered another 4xx or a 5xx.',
  },
  UPSTREAM_TIMEOUT: {
    httpStatus: 504,
    exitCode: 5,
    meaning: 'A read (GET) got no answer within the read timeout or the operation deadline, retries included.',
  },
  UPSTREAM_UNAVAILABLE: {
    httpStatus: 503,
    exitCode: 5,
    meaning: 'The upstream refused or reset the connection, or the circuit breaker is open and failing fast.',
  },
  UPSTREAM_WRITE_OUTCOME_UNKNOWN: {
    httpStatus: 504,
    exitCode: 6,
    meaning:
      'A POST, PUT or DELETE was sent but no readable answer came (timeout, reset, or a 2xx whose body cannot be read: applied as far as we know): it may have been applied. It was not retried; read the record before trying again.',
  },
  UPSTREAM_BAD_RESPONSE: {
    httpStatus: 502,
    exitCode: 5,
    meaning:
      'The upstream answered with non-JSON, an HTML page, a body over the size cap, or a shape we cannot read (a 2xx write is `UPSTREAM_WRITE_OUTCOME_UNKNOWN` instead).',
  },
  UPSTREAM_BUDGET_EXCEEDED: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation needs (or its worst case would need) more REST calls than the per-operation budget allows; narrow it or raise `server.budget`.',
  },
  OPERATION_TOO_DEEP: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation nests fields deeper than `server.limits.depth` (default 10; a relation hop is a level); refused before any REST call.',
  },
  OPERATION_TOO_BROAD: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation selects more fields than `server.limits.fields` (default 200, fragments expanded); refused before any REST call.',
  },
  OPERATION_TOO_MANY_ALIASES: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation has more aliases than `server.limits.aliases` (default 30); refused before any REST call.',
  },
  OPERATION_TOO_MANY_ROOT_FIELDS: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation has more root fields than `server.limits.rootFields` (default 10); refused before any REST call.',
  },
  OPERATION_TOO_MANY_DIRECTIVES: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The operation applies more directives than `server.limits.directives` (default 20); refused before any REST call.',
  },
  OPERATION_TOO_MANY_TOKENS: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'The document has more lexical tokens than `server.limits.tokens` (default 2000); parsing stops there, nothing runs.',
  },
  CONFIG_INVALID: {
    httpStatus: 500,
    exitCode: 2,
    meaning: 'The config file is invalid; every issue is listed with its path and the fix.',
  },
  SCHEMA_DRIFT: {
    httpStatus: 500,
    exitCode: 1,
    meaning:
      '`schema/` cannot be served as it is: `check` found the upstream no longer matches it (the diff says which changes are breaking), or `serve` found `schema.graphql` and `model.json` disagree (each member named) or `model.json` in an older format. Run `bjet-graphql introspect`.',
  },
  WEBHOOK_UNAUTHORIZED: {
    httpStatus: 401,
    exitCode: 3,
    meaning: 'A webhook delivery without the configured credentials or with a wrong signature; nothing was applied.',
  },
  WEBHOOK_BAD_PAYLOAD: {
    httpStatus: 400,
    exitCode: 2,
    meaning: 'A webhook delivery that is not JSON, not a record or a list of records, lacks the identifier key or names an unknown event; nothing was applied.',
  },
  WEBHOOK_UNKNOWN_ENDPOINT: {
    httpStatus: 404,
    exitCode: 4,
    meaning: 'A webhook delivery for an endpoint that is not configured; nothing was applied.',
  },
  WEBHOOK_PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    exitCode: 2,
    meaning: 'A webhook delivery over `webhooks.bodyLimitBytes` or `webhooks.maxRecords`; nothing was applied.',
  },
  SUBSCRIPTION_LIMIT: {
    httpStatus: 429,
    exitCode: 5,
    meaning: 'A subscription over `subscriptions.maxPerConnection` or `subscriptions.maxPerServer`; complete one first.',
  },
  LISTEN_FAILED: {
    httpStatus: 500,
    exitCode: 7,
    meaning:
      '`serve` or `demo` could not listen: the port is in use or the address cannot be bound here; choose another with `--port`/`PORT` or `--host`/`HOST`.',
  },
  RELOAD_NEEDS_RESTART: {
    httpStatus: 500,
    exitCode: 2,
    meaning:
      'A reload (SIGHUP, `serve --watch`) found a changed key that only a restart applies (the listening address, Redis, metrics, telemetry, ...); nothing was reloaded: restart, or revert those keys.',
  },
  INTERNAL_SERVER_ERROR: {
    httpStatus: 500,
    exitCode: 70,
    meaning: 'Anything else: masked for the client, details in the log only.',
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;
