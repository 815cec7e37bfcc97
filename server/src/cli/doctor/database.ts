import { access } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config';
import { DataDirLockedError } from '../../db/data-dir-lock';
import { startEmbeddedDatabase } from '../../db/embedded';
import { appliedMigrations, shippedMigrations } from '../../db/migrate';
import { dataDirVariable, explainStartupFailure, maskedDatabaseUrl } from '../../startup';
import { fail, ok, warn, type CheckResult } from './check';

export const DATABASE = 'database';

const CONNECT_TIMEOUT_MS = 5_000;

/** The schema against the migrations this version ships: up to date, behind (npm start catches up), or ahead. */
async function migrationState(client: pg.ClientBase, where: string): Promise<CheckResult> {
  const [shipped, applied] = await Promise.all([shippedMigrations(), appliedMigrations(client)]);
  const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
  const pending = shipped.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !shipped.includes(name));
  const server = `PostgreSQL ${version ?? '?'} (${where})`;
  if (unknown.length > 0) {
    return warn(
      DATABASE,
      `${server} has ${unknown.length} migration(s) this version does not ship (${unknown.join(', ')}): a newer harmony-push ran on it`,
      'Run the newer version, or a database of this version.'
    );
  }
  if (pending.length > 0) {
    const what = applied.length === 0 ? 'is empty: no migration ran yet' : `lacks ${pending.length} migration(s) (${pending.join(', ')})`;
    return warn(DATABASE, `${server} ${what}`, 'npm start applies them when it starts (each in its own transaction).');
  }
  return ok(DATABASE, `${server}: connected, schema up to date (${applied.length} migrations)`);
}

/** What went wrong, told as start-up tells it (startup.ts): the first line what, the second how to fix it. */
function failure(error: unknown, context: { databaseUrl?: string; dataDir?: string }, where: string): CheckResult {
  const explained = explainStartupFailure(error, context);
  if (explained === undefined) return fail(DATABASE, `${where}: ${(error as Error).message}`, 'See the message; npm start would stop on it too.');
  const [what, ...fix] = explained.split('\n');
  return fail(DATABASE, what, fix.join(' '));
}

async function withClient(url: string, use: (client: pg.Client) => Promise<CheckResult>): Promise<CheckResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'harmony-push doctor' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL at DATABASE_URL, or the embedded database in DATA_DIR: connects, then compares the applied migrations
 * with the shipped ones (read only: migrating is the server's job). The embedded database admits one process, so a
 * running server's is reported as in use rather than opened.
 */
export async function checkDatabase(config: Config): Promise<CheckResult> {
  if (config.databaseUrl) {
    const where = `DATABASE_URL=${maskedDatabaseUrl(config.databaseUrl)}`;
    try {
      return await withClient(config.databaseUrl, (client) => migrationState(client, where));
    } catch (error) {
      return failure(error, { databaseUrl: config.databaseUrl }, where);
    }
  }
  const where = `embedded, ${dataDirVariable(config.dataDir)}`;
  const exists = await access(path.resolve(config.dataDir, 'pglite', 'PG_VERSION')).then(() => true, () => false);
  if (!exists) return ok(DATABASE, `no embedded database yet in ${dataDirVariable(config.dataDir)}: npm start creates it there`);
  let embedded;
  try {
    embedded = await startEmbeddedDatabase(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      const holder = error.holder ? `process ${error.holder.pid}${error.holder.since ? `, since ${error.holder.since}` : ''}` : 'another process';
      return ok(DATABASE, `the embedded database in ${dataDirVariable(config.dataDir)} is in use by a running server (${holder}); it applied the migrations when it started`);
    }
    return failure(error, { dataDir: config.dataDir }, where);
  }
  try {
    return await withClient(embedded.url, (client) => migrationState(client, where));
  } catch (error) {
    return failure(error, { dataDir: config.dataDir }, where);
  } finally {
    await embedded.close();
  }
}
