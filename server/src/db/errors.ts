/** Errors that mean "the database cannot be reached", as opposed to a bad query. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '55000', // object_not_in_prerequisite_state: database not accepting connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '53300', // too_many_connections
  '57014', // query_canceled: the request pool's statement_timeout
  '55P03', // lock_not_available
  '25P03' // idle_in_transaction_session_timeout: the server ended the session
]);

const UNREACHABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Query read timeout',
  'Cannot use a pool after calling end'
];

/** A request's database budget ran out before its work was done (see timeouts.ts). */
export class DatabaseTimeoutError extends Error {
  constructor() {
    super('the database did not answer within the request budget');
    this.name = 'DatabaseTimeoutError';
  }
}

/**
 * A statement sent outside any transaction succeeded, yet the connection reports an open transaction: it ran inside
 * someone else's unfinished transaction, so nothing it did is committed.
 */
export class NotCommittedError extends Error {
  constructor() {
    super('the statement ran inside an unfinished transaction and was not committed');
    this.name = 'NotCommittedError';
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseTimeoutError || error instanceof NotCommittedError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  return UNREACHABLE_MESSAGES.some((text) => error.message.includes(text));
}
