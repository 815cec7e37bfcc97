import fp from 'fastify-plugin';
import postgres from '@fastify/postgres';
import pg from 'pg';
import { migrate } from './migrate';
import { DatabasePool } from './pool';
import { underBudget } from './deadline';
import { BACKGROUND_CONNECT_MS, IDLE_IN_TRANSACTION_MS, REQUEST_TIMEOUTS } from './timeouts';

export interface DatabaseOptions {
  url: string;
  /** Connections of the request pool; 1 for the embedded database, which serves one session at a time. */
  maxConnections: number;
  /**
   * The embedded database (PGlite) runs one session and ignores session settings: one pool serves requests and
   * background work alike, and only the client-side budget bounds requests.
   */
  embedded?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Connections for background work: migrations, pg-boss, broadcast planners and workers. No statement timeout
     * there (a migration or a large batch may take long); `app.pg.pool` serves requests.
     */
    backgroundPool: pg.Pool;
  }
}

/**
 * Background connections on PostgreSQL, opened as needed: pg-boss and each broadcast worker's job bookkeeping (an
 * API-only process opens one or two).
 */
const BACKGROUND_POOL_SIZE = 10;

const everyConnection = {
  application_name: 'harmony-push',
  idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  idleTimeoutMillis: 30_000,
  keepAlive: true
};

export default fp<DatabaseOptions>(
  async (app, options) => {
    await app.register(postgres, {
      pg: { ...pg, Pool: DatabasePool } as typeof pg,
      connectionString: options.url,
      max: options.maxConnections,
      // Waiting for a connection is part of an operation's budget: it cannot wait longer, and what it waited, its
      // statements no longer have.
      connectionTimeoutMillis: REQUEST_TIMEOUTS.budgetMs,
      ...everyConnection,
      ...(options.embedded ? {} : { statement_timeout: REQUEST_TIMEOUTS.statementMs })
    });
    const background: pg.Pool = options.embedded
      ? app.pg.pool
      : new DatabasePool({ connectionString: options.url, max: BACKGROUND_POOL_SIZE, connectionTimeoutMillis: BACKGROUND_CONNECT_MS, ...everyConnection });
    app.decorate('backgroundPool', background);
    // An idle client losing its connection must not take the process down; the next query reconnects.
    for (const pool of new Set([app.pg.pool, background])) {
      pool.on('error', (err) => app.log.warn({ err }, 'idle database connection lost'));
    }
    if (background !== app.pg.pool) app.addHook('onClose', () => background.end());

    // While a request is served, each database operation has REQUEST_TIMEOUTS.budgetMs (see timeouts.ts).
    app.addHook('preHandler', (_request, _reply, done) => {
      underBudget(REQUEST_TIMEOUTS.budgetMs, done);
    });

    const client = await background.connect();
    try {
      await migrate(client, app.log);
    } catch (error) {
      client.release(true); // its transaction may be aborted: never back into the pool
      throw error;
    }
    client.release();
  },
  { name: 'database' }
);
