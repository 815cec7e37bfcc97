/**
 * Time bounds of database work. Every answer comes within ANSWER_BOUND_MS whatever the database does (issue 10: "the
 * 5 s answer bound"); the request's database budget sits below it, the server-side statement timeout below that.
 */
export const ANSWER_BOUND_MS = 5000;

export const REQUEST_TIMEOUTS = {
  /**
   * One database operation of a request, all of it: waiting for a pooled connection, every statement of its
   * transaction, the commit; for a coalesced registration, its wait for a batch too. A registration is one such
   * operation, so its answer comes within the bound. Per operation rather than per request: a synchronous /send
   * spends its time on Push Kit, and the writes recording the outcome must not fail for that.
   */
  budgetMs: 3500,
  /**
   * PostgreSQL cancels a request-pool statement after this long (a lock wait, say): the request gets a clean error and
   * its connection stays usable. Shorter than the budget, so the server ends the statement before the client gives up
   * on the connection. Only request-pool sessions carry it: migrations, pg-boss and workers have their own pool.
   */
  statementMs: 2000
} as const;

/**
 * On every connection: PostgreSQL ends a session left idle inside a transaction for this long (a client that vanished
 * in a frozen network, say), so its locks go away. Longer than any statement gap of our own transactions.
 */
export const IDLE_IN_TRANSACTION_MS = 10_000;

/** A ROLLBACK outside any request (a background transaction that failed) still gives up after this long. */
export const ROLLBACK_MS = 5000;

/** Connecting for background work (migrations, pg-boss, broadcast workers): no per-statement bound there. */
export const BACKGROUND_CONNECT_MS = 10_000;
