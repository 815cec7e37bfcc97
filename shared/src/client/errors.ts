import { ErrorDetail } from '../contract/errors';

/**
 * Every failure the client core surfaces. `retryable` decides the retry loop: only failures that
 * may go away by themselves (network, overloaded server, transient Push Kit errors) are retried.
 */
export class ClientError extends Error {
  readonly retryable: boolean;
  /** What the app developer can do about it; empty when there is nothing to do. */
  readonly hint: string;

  constructor(name: string, message: string, retryable: boolean, hint: string) {
    super(message);
    this.name = name;
    this.retryable = retryable;
    this.hint = hint;
  }
}

/** The request never got an HTTP answer: offline, DNS, refused connection, timeout. */
export class NetworkError extends ClientError {
  constructor(message: string) {
    super('NetworkError', message, true, 'Check the device network and the configured server URL.');
  }
}

/** 5xx, 408 or 429: the server may accept the same request later. */
export class ServerBusyError extends ClientError {
  readonly status: number;
  /** From `Retry-After`; 0 when the server did not say. */
  readonly retryAfterMs: number;

  constructor(status: number, message: string, retryAfterMs: number) {
    super('ServerBusyError', message, true, 'The server is down or overloaded; the next app start tries again.');
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Any other 4xx: sending the same request again cannot succeed, so it is surfaced, not retried. */
export class RequestRejectedError extends ClientError {
  readonly status: number;
  /** The server's `ErrorCode`, or empty when the body was not an `ErrorBody`. */
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[], hint: string) {
    super('RequestRejectedError', message, false, hint);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The operation was abandoned because its owner stopped the registrar. */
export class CancelledError extends ClientError {
  constructor() {
    super('CancelledError', 'cancelled', false, '');
  }
}
