import { randomBytes } from 'node:crypto';
import pg from 'pg';
import t from 'tap';
import { startEmbeddedDatabase } from '../../src/db/embedded';
import { databaseFor, type TestDatabase } from '../helpers/database';
import { postgresLogin } from '../helpers/postgres-login';
import { assertStartupFailure, freePort, run, serverEnv } from '../helpers/processes';

// Each way the database can fail start-up: the variable with its password masked, what went wrong, how to fix it.
t.setTimeout(300_000);

const adminUrl = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : undefined;

t.test('DATABASE_URL where nothing listens: "is PostgreSQL running?", the password masked', async (t) => {
  const db = await databaseFor(t);
  const port = await freePort();
  const url = `postgres://postgres:secret-pw@127.0.0.1:${port}/harmony`;
  for (const entry of ['server', 'worker'] as const) {
    const running = run(entry, serverEnv(db, { DATABASE_URL: url }));
    await assertStartupFailure(t, running, [
      `DATABASE_URL=postgres://postgres:****@127.0.0.1:${port}/harmony: nothing accepts connections at 127.0.0.1:${port}; is PostgreSQL running?`,
      'Start it, or correct the host and port in DATABASE_URL.'
    ]);
    t.notMatch(running.output(), /secret-pw/, `${entry}: the password is not printed`);
  }
});

t.test('a wrong password', async (t) => {
  const db = await databaseFor(t);
  const postgres = await postgresLogin({ refuse: { code: '28P01', message: 'password authentication failed for user "bob"' } });
  t.teardown(() => postgres.close());
  const running = run('server', serverEnv(db, { DATABASE_URL: `postgres://bob:not-his-pw@127.0.0.1:${postgres.port}/harmony` }));
  await assertStartupFailure(t, running, [
    `DATABASE_URL=postgres://bob:****@127.0.0.1:${postgres.port}/harmony: PostgreSQL refused the login: password authentication failed for user "bob".`,
    "Check the user name and password in DATABASE_URL (and the server's pg_hba.conf)."
  ]);
  t.notMatch(running.output(), /not-his-pw/);
});

t.test('no password where PostgreSQL asks for one', async (t) => {
  const db = await databaseFor(t);
  const postgres = await postgresLogin('ask for a password');
  t.teardown(() => postgres.close());
  const running = run('server', serverEnv(db, { DATABASE_URL: `postgres://bob@127.0.0.1:${postgres.port}/harmony` }));
  await assertStartupFailure(t, running, [
    `DATABASE_URL=postgres://bob@127.0.0.1:${postgres.port}/harmony: PostgreSQL asks for a password and DATABASE_URL has none.`,
    'Add it: postgres://user:password@host:port/database'
  ]);
});

if (adminUrl) {
  t.test('DATABASE_URL naming a database that does not exist: the createdb command', async (t) => {
    const db = await databaseFor(t);
    const name = `hp_missing_${randomBytes(4).toString('hex')}`;
    const running = run('server', serverEnv(db, { DATABASE_URL: `postgres://postgres:secret-pw@${adminUrl.host}/${name}` }));
    await assertStartupFailure(t, running, [
      `DATABASE_URL=postgres://postgres:****@${adminUrl.host}/${name}: database "${name}" does not exist.`,
      `Create it with: createdb -h ${adminUrl.hostname} -p ${adminUrl.port || 5432} -U postgres ${name}`
    ]);
    t.notMatch(running.output(), /secret-pw/);
  });

  t.test('a user PostgreSQL does not know', async (t) => {
    const db = await databaseFor(t);
    const running = run('server', serverEnv(db, { DATABASE_URL: `postgres://hp_no_such_role:pw@${adminUrl.host}/postgres` }));
    await assertStartupFailure(t, running, [
      `DATABASE_URL=postgres://hp_no_such_role:****@${adminUrl.host}/postgres: PostgreSQL refused the login: role "hp_no_such_role" does not exist.`,
      "Check the user name and password in DATABASE_URL (and the server's pg_hba.conf)."
    ]);
  });
}

/** Runs SQL on the test file's database before the server starts (through the DATA_DIR guard when embedded). */
async function onDatabase(db: TestDatabase, sql: string): Promise<void> {
  const embedded = db.databaseUrl ? undefined : await startEmbeddedDatabase(db.dataDir);
  const client = new pg.Client({ connectionString: db.databaseUrl ?? embedded?.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
    await embedded?.close();
  }
}

t.test('a migration that fails: which one, what the database said, where', async (t) => {
  const db = await databaseFor(t);
  await onDatabase(db, 'CREATE TABLE push_tokens (conflicting integer)');
  const running = run('server', serverEnv(db));
  const where = db.databaseUrl ? `DATABASE_URL=${db.databaseUrl}` : `the embedded database in DATA_DIR=${db.dataDir}`;
  await assertStartupFailure(t, running, [
    `Migration 1763880000000_push-tokens failed in ${where}: relation "push_tokens" already exists.`,
    'Nothing of that migration was applied (each runs in its own transaction): fix what the error names, or use an empty database, then start again.'
  ]);
});
