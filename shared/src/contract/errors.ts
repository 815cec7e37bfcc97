/** Every error code the server answers with; the HTTP status is fixed per code. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  INVALID_USER_TOKEN = 'INVALID_USER_TOKEN',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
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
