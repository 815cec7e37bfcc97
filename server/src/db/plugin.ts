import fp from 'fastify-plugin';
import postgres from '@fastify/postgres';
import { migrate } from './migrate';

export interface DatabaseOptions {
  url: string;
  /** 1 for the embedded database, which serves one session at a time. */
  maxConnections: number;
}

/** Connection and statement bounds keep "database unreachable" answers well under 5 s. */
const CONNECT_TIMEOUT_MS = 2000;
const QUERY_TIMEOUT_MS = 2500;

export default fp<DatabaseOptions>(
  async (app, options) => {
    await app.register(postgres, {
      connectionString: options.url,
      max: options.maxConnections,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'harmony-push'
    });
    // An idle client losing its connection must not take the process down; the next query reconnects.
    app.pg.pool.on('error', (err) => app.log.warn({ err }, 'idle database connection lost'));

    const client = await app.pg.connect();
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
