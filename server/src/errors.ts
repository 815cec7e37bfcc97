import { ErrorCode, type ErrorBody, type ErrorDetail } from '@harmony-push/shared';

/** The HTTP status of each error code; a code's status never varies. */
const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.INVALID_USER_TOKEN]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.REQUEST_TIMEOUT]: 408,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 409,
  [ErrorCode.NOT_REVOCABLE]: 409,
  [ErrorCode.NOT_CONFIGURED]: 501,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.URI_TOO_LONG]: 414,
  [ErrorCode.HEADERS_TOO_LARGE]: 431,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_ERROR]: 500
};

export class AppError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  /** Seconds a client should wait before trying again (429, 503). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, extra: { details?: ErrorDetail[]; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = STATUS[code];
    this.details = extra.details;
    this.retryAfter = extra.retryAfter;
  }

  toBody(): ErrorBody {
    return this.details ? { error: this.code, message: this.message, details: this.details } : { error: this.code, message: this.message };
  }
}

export const RETRY_AFTER_DATABASE_SECONDS = 5;

export const errors = {
  validation: (details: ErrorDetail[]) =>
    new AppError(ErrorCode.VALIDATION_FAILED, `invalid ${[...new Set(details.map((d) => d.path))].join(', ')}`, { details }),
  unauthorized: (message: string) => new AppError(ErrorCode.UNAUTHORIZED, message),
  invalidUserToken: (message: string) => new AppError(ErrorCode.INVALID_USER_TOKEN, message),
  forbidden: (message: string) => new AppError(ErrorCode.FORBIDDEN, message),
  notFound: (message: string) => new AppError(ErrorCode.NOT_FOUND, message),
  requestTimeout: () => new AppError(ErrorCode.REQUEST_TIMEOUT, 'the request was not received in time'),
  idempotencyKeyReused: () =>
    new AppError(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'this Idempotency-Key was used for a different request within the replay window: nothing was sent; ' +
        'use a new key for a new request'
    ),
  notRevocable: (why: string) => new AppError(ErrorCode.NOT_REVOCABLE, why),
  notConfigured: (message: string) => new AppError(ErrorCode.NOT_CONFIGURED, message),
  payloadTooLarge: (limit: number) =>
    new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `request body is larger than ${limit} bytes`),
  uriTooLong: (limit: number) =>
    new AppError(ErrorCode.URI_TOO_LONG, `the URL path has a segment longer than ${limit} characters`),
  headersTooLarge: () => new AppError(ErrorCode.HEADERS_TOO_LARGE, 'the request headers are too large'),
  unsupportedMediaType: (type: string) =>
    new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `content type ${type} is not supported; send application/json`),
  rateLimited: (retryAfter: number) =>
    new AppError(ErrorCode.RATE_LIMITED, `rate limit exceeded, retry in ${retryAfter} s`, { retryAfter }),
  tooManyConnections: (limit: number) =>
    new AppError(ErrorCode.RATE_LIMITED, `more than ${limit} open connections from this address`, { retryAfter: 1 }),
  databaseUnavailable: () =>
    new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'the database is unavailable, retry later', {
      retryAfter: RETRY_AFTER_DATABASE_SECONDS
    }),
  internal: () => new AppError(ErrorCode.INTERNAL_ERROR, 'internal server error')
};
