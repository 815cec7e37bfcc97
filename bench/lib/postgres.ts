import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { migrate } from '../../server/src/db/migrate';

/** The server benchmarks need a real PostgreSQL; DATABASE_URL picks another one than the local default. */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export class PostgresUnavailable extends Error {}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The server's version string, or a PostgresUnavailable naming the URL and how to pick another. */
export async function postgresVersion(): Promise<string> {
  try {
    return await withClient(ADMIN_DATABASE_URL, async (client) => {
      const result = await client.query<{ server_version: string }>('SHOW server_version');
      return `PostgreSQL ${result.rows[0].server_version}`;
    });
  } catch (error) {
    const safeUrl = new URL(ADMIN_DATABASE_URL);
    safeUrl.password = '';
    throw new PostgresUnavailable(
      `cannot reach PostgreSQL at ${safeUrl.toString()} (${(error as Error).message}). ` +
        'Start a local PostgreSQL, or set DATABASE_URL to one where this user may create databases.'
    );
  }
}

export interface BenchDatabase {
  url: string;
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

/** A fresh database with the service's schema, dropped by drop(). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `hp_bench_${randomBytes(6).toString('hex')}`;
  await withClient(ADMIN_DATABASE_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  try {
    const client = await pool.connect();
    try {
      await migrate(client, pino({ level: 'silent' }));
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    await withClient(ADMIN_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  return {
    url: url.toString(),
    query: (sql, values) => pool.query(sql, values),
    async drop() {
      await pool.end();
      await withClient(ADMIN_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  };
}

/**
 * Settles the database between a bulk load and a measurement: fresh statistics, and the checkpoint that the load
 * made due happen now rather than in the middle of the next measurement.
 */
export async function settle(db: BenchDatabase): Promise<void> {
  await db.query('VACUUM ANALYZE push_tokens');
  // Needs superuser or pg_checkpoint; without it a checkpoint may fall inside the measurement, nothing worse.
  await db.query('CHECKPOINT').catch(() => undefined);
}
