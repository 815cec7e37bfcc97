import pg, { type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import { operationDeadline, remainingMs } from './deadline';
import { DatabaseTimeoutError, NotCommittedError } from './errors';

/**
 * Whether PostgreSQL answered `error` and the session goes on: an error response of severity ERROR (a refused value,
 * a constraint, a statement timeout), after which the connection is in step again. FATAL ends the session; a client
 * timeout or a transport error leaves the connection in an unknown state (the statement may still be running, a queued
 * ROLLBACK may never be sent).
 */
export const answeredByServer = (error: unknown): boolean => error instanceof pg.DatabaseError && error.severity === 'ERROR';

/** Whether a client that just failed may serve again: only after an error the server answered, outside a transaction. */
export const reusableAfter = (client: PoolClient, error: unknown): boolean =>
  answeredByServer(error) && client.getTransactionStatus() === 'I';

/** `client.release` argument: nothing to keep the client, the error to destroy it. */
const releaseArgument = (client: PoolClient, error: unknown): Error | undefined =>
  error === undefined || reusableAfter(client, error) ? undefined : error instanceof Error ? error : new Error(String(error));

/**
 * A connection that breaks while checked out emits 'error' besides failing its query; the pool listens only to idle
 * clients, so the borrower must (as pg-pool's own query() does), or the process would die of an unhandled event.
 * Returns the function that stops listening.
 */
export function whileCheckedOut(client: PoolClient): () => void {
  const ignore = () => undefined;
  client.on('error', ignore);
  return () => client.off('error', ignore);
}

/** The query, bounded by what is left of `deadline` (client side: a frozen network gives no answer at all). */
export function boundedQuery(text: string | QueryConfig, values: unknown[] | undefined, deadline: number | undefined): QueryConfig {
  // Fields are read one by one, not spread: a query object may keep them as getters on its prototype, as
  // sql-template-tag's Sql does, and a spread copies only own properties.
  const config: QueryConfig =
    typeof text === 'string'
      ? { text, values }
      : {
          text: text.text,
          values: values ?? text.values,
          ...(text.name === undefined ? {} : { name: text.name }),
          ...(text.types === undefined ? {} : { types: text.types })
        };
  if (deadline === undefined) return config;
  const left = remainingMs(deadline);
  if (left <= 0) throw new DatabaseTimeoutError();
  return { ...config, query_timeout: left } as QueryConfig;
}

/**
 * pg's Pool with three changes to `query()` (promise form):
 * - a statement PostgreSQL refused (a bad value, a constraint) leaves the connection in the pool: pg-pool destroys
 *   it after any error, and on the embedded database, whose socket server admits few connections, the replacement
 *   raced the closing one and failed everyone waiting (issue 10, part 2);
 * - a statement is answered only when the connection reports it committed (idle, outside any transaction);
 * - inside a request, the operation's budget bounds it (see deadline.ts).
 */
export class DatabasePool extends pg.Pool {
  // pg.Pool's query() has callback and promise overloads; only the promise form is used here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof values === 'function' || typeof callback === 'function') return super.query(...(args as [string]));
    return this.committedQuery(text, values);
  }

  private async committedQuery(text: string | QueryConfig, values: unknown[] | undefined): Promise<QueryResult> {
    const deadline = operationDeadline();
    const client = await this.connect();
    let failure: unknown;
    const stopListening = whileCheckedOut(client);
    try {
      const result = await client.query(boundedQuery(text, values, deadline));
      if (client.getTransactionStatus() !== 'I') throw new NotCommittedError();
      return result;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      stopListening();
      client.release(releaseArgument(client, failure));
    }
  }
}
