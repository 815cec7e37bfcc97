import type { Pool, PoolClient, QueryConfig } from 'pg';
import { operationDeadline } from './deadline';
import { isDatabaseUnavailable } from './errors';
import { answeredByServer, boundedQuery, whileCheckedOut } from './pool';
import { ROLLBACK_MS } from './timeouts';

/** The client as `work` sees it: within a request, each of its queries is bounded by the operation's deadline. */
function withinDeadline(client: PoolClient, deadline: number | undefined): PoolClient {
  if (deadline === undefined) return client;
  const query = (text: string | QueryConfig, values?: unknown[]) => client.query(boundedQuery(text, values, deadline));
  return new Proxy(client, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
}

/**
 * Rolls back after `error` when that can end cleanly, and returns what to release the client with. Not after a
 * timeout or a lost connection: those say nothing about the session, and a ROLLBACK queued behind a statement still
 * running would itself time out and be dropped (the client is destroyed instead, and PostgreSQL rolls back when the
 * connection goes). After an error PostgreSQL answered, or one of `work`'s own, the ROLLBACK is bounded too.
 */
async function rollBack(client: PoolClient, error: unknown, deadline: number | undefined): Promise<Error | undefined> {
  const abandoned = new Error('transaction abandoned: its connection is closed instead');
  if (!answeredByServer(error) && isDatabaseUnavailable(error)) return abandoned;
  try {
    await client.query(boundedQuery('ROLLBACK', undefined, deadline ?? performance.now() + ROLLBACK_MS));
  } catch {
    return abandoned;
  }
  return client.getTransactionStatus() === 'I' ? undefined : abandoned;
}

/**
 * Runs `work` in one transaction on one client: committed if it resolves, rolled back if it throws. Within a request
 * one operation's budget bounds it all (waiting for the client, every statement, the commit). A client whose
 * transaction could not be ended cleanly is destroyed, so no later borrower ever works inside it.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const deadline = operationDeadline();
  const client = await pool.connect();
  const stopListening = whileCheckedOut(client);
  const bounded = withinDeadline(client, deadline);
  try {
    await bounded.query('BEGIN');
    const result = await work(bounded);
    await bounded.query('COMMIT');
    stopListening();
    client.release();
    return result;
  } catch (error) {
    const releaseWith = await rollBack(client, error, deadline);
    stopListening();
    client.release(releaseWith);
    throw error;
  }
}
