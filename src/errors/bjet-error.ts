import { ERROR_CODES, type ErrorCode } from './codes.js';

/** What an upstream failure may tell a client: never a full URL, a header, a body or a credential. */
export interface UpstreamErrorInfo {
  /** HTTP status the upstream answered, when it answered. */
  readonly status?: number;
  /** Configured endpoint name, e.g. `partners`. */
  readonly endpoint: string;
  /** Method and path template, e.g. `GET /partners/{id}`. */
  readonly method: string;
  readonly path: string;
  /** `line_id` of a `{error, line_id, status_code}` body. */
  readonly lineId?: string;
  /** `status_code` of a `{error, line_id, status_code}` body. */
  readonly statusCode?: string;
  /** How long the upstream asked us to wait (429 `Retry-After`). */
  readonly retryAfterMs?: number;
  /** How many attempts were made (GET retries). */
  readonly attempts?: number;
}

interface BjetErrorOptions {
  readonly upstream?: UpstreamErrorInfo;
  /** Extra safe, client-visible details. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Cause for the log only; never sent to a client. */
  readonly cause?: unknown;
}

/** The root of every error we raise on purpose. `code` is stable and listed in `ERROR_CODES`. */
export class BjetError extends Error {
  readonly code: ErrorCode;
  readonly upstream: UpstreamErrorInfo | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: BjetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BjetError';
    this.code = code;
    this.upstream = options.upstream;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }

  /** The GraphQL `extensions` for this error: safe by construction. */
  toExtensions(): Record<string, unknown> {
    const extensions: Record<string, unknown> = { code: this.code, ...this.details };
    if (this.upstream !== undefined) extensions['upstream'] = { ...this.upstream };
    return extensions;
  }
}

/** Internal bugs: a broken invariant is never a user error. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant failed: ${message}`);
}
