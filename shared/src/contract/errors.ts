/** Every error code the server answers with; the HTTP status is fixed per code. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  INVALID_USER_TOKEN = 'INVALID_USER_TOKEN',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** The client did not send its request within the server's request timeout (408). */
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  /** An Idempotency-Key already used with a different request (409). */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** A send that cannot be revoked: its push-type, no notifyId, or still sending (409). */
  NOT_REVOCABLE = 'NOT_REVOCABLE',
  /** A feature whose configuration is missing, e.g. revoke without PUSHKIT_CLIENT_ID (501). */
  NOT_CONFIGURED = 'NOT_CONFIGURED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG = 'URI_TOO_LONG',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR'
}

export interface ErrorDetail {
  /** Dotted path of the failing field, e.g. `body.deviceType`. */
  path: string;
  message: string;
}

/** The body of every 4xx and 5xx answer. */
export interface ErrorBody {
  error: string;
  message: string;
  details?: ErrorDetail[];
}
