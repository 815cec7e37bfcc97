import type { Pool, PoolClient, QueryConfig } from 'pg';
import { operationDeadline, remainingMs } from './deadline';
import { answeredByServer, boundedQuery, whileCheckedOut } from './pool';

/** The client as `work` sees it: within a request, each of its queries is bounded by the request's deadline. */
function withinDeadline(client: PoolClient, deadline: number | undefined): PoolClient {
  if (deadline === undefined) return client;
  const query = (text: string | QueryConfig, values?: unknown[]) => client.query(boundedQuery(text, values, deadline));
  return new Proxy(client, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
}

/**
 * Rolls back after `error` when that can end cleanly: only after an error PostgreSQL reported (a timeout or a lost
 * connection says nothing about the session, and a ROLLBACK queued behind a statement still running would itself time
 * out and be dropped), and only with budget left. Returns what to release the client with.
 */
async function rollBack(client: PoolClient, error: unknown, deadline: number | undefined): Promise<Error | undefined> {
  const abandoned = new Error('transaction abandoned: its connection is closed instead');
  if (!answeredByServer(error) || (deadline !== undefined && remainingMs(deadline) <= 0)) return abandoned;
  try {
    await client.query(boundedQuery('ROLLBACK', undefined, deadline));
  } catch {
    return abandoned;
  }
  return client.getTransactionStatus() === 'I' ? undefined : abandoned;
}

/**
 * Runs `work` in one transaction on one client: committed if it resolves, rolled back if it throws. Within a request
 * the request's deadline bounds it all (waiting for the client, every statement, the commit). A client whose
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
