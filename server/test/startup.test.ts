import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import t, { type Test } from 'tap';
import { explainStartupFailure, listenOn, maskedDatabaseUrl, orExit } from '../src/startup';
import { databaseFor } from './helpers/database';
import { postgresLogin, type LoginAnswer } from './helpers/postgres-login';

// The explanations that test/startup/*.test.ts does not reach through a whole process, on real errors.

/** The error of a first connection to `url`, made as the pool plugin makes it. */
async function connectError(url: string): Promise<unknown> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    const client = await pool.connect();
    client.release();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
}

async function explainLogin(t: Test, answer: LoginAnswer, url: (port: number) => string) {
  const postgres = await postgresLogin(answer);
  t.teardown(() => postgres.close());
  const databaseUrl = url(postgres.port);
  return { port: postgres.port, message: explainStartupFailure(await connectError(databaseUrl), { databaseUrl }) };
}

t.test('a PostgreSQL that does not answer within the connect timeout', async (t) => {
  const { port, message } = await explainLogin(t, 'say nothing', (port) => `postgres://bob@127.0.0.1:${port}/harmony`);
  t.equal(
    message,
    `DATABASE_URL=postgres://bob@127.0.0.1:${port}/harmony: no answer from 127.0.0.1:${port} within the connect timeout; is PostgreSQL running, and reachable from here?\n` +
      'Check the host and port in DATABASE_URL, and any firewall in between.'
  );
});

t.test('a PostgreSQL starting up, or out of connections', async (t) => {
  const starting = await explainLogin(t, { refuse: { code: '57P03', message: 'the database system is starting up' } }, (port) => `postgres://bob@127.0.0.1:${port}/harmony`);
  t.equal(
    starting.message,
    `DATABASE_URL=postgres://bob@127.0.0.1:${starting.port}/harmony: PostgreSQL is starting up or shutting down.\nStart again once it accepts connections.`
  );
  const full = await explainLogin(t, { refuse: { code: '53300', message: 'sorry, too many clients already' } }, (port) => `postgres://bob@127.0.0.1:${port}/harmony`);
  t.equal(
    full.message,
    `DATABASE_URL=postgres://bob@127.0.0.1:${full.port}/harmony: PostgreSQL has no connection left for this process (too many clients).\n` +
      "Stop other clients, or raise the server's max_connections."
  );
});

t.test('SSL asked of a server without it', async (t) => {
  const { port, message } = await explainLogin(t, 'refuse SSL', (port) => `postgres://bob@127.0.0.1:${port}/harmony?sslmode=require`);
  t.equal(
    message,
    `DATABASE_URL=postgres://bob@127.0.0.1:${port}/harmony?sslmode=require: the server does not support SSL, but DATABASE_URL asks for it.\n` +
      'Remove sslmode (or ssl) from DATABASE_URL.'
  );
});

t.test('a missing database whose name needs quoting in the createdb command', async (t) => {
  const { port, message } = await explainLogin(
    t,
    { refuse: { code: '3D000', message: `database "bob's db" does not exist` } },
    (port) => `postgres://bob:pw@127.0.0.1:${port}/bob's%20db`
  );
  t.equal(
    message,
    `DATABASE_URL=postgres://bob:****@127.0.0.1:${port}/bob's%20db: database "bob's db" does not exist.\n` +
      `Create it with: createdb -h 127.0.0.1 -p ${port} -U bob 'bob'\\''s db'`
  );
});

t.test('a host name that does not resolve', async (t) => {
  const databaseUrl = 'postgres://postgres@no-such-host.invalid:5432/harmony';
  t.equal(
    explainStartupFailure(await connectError(databaseUrl), { databaseUrl }),
    'DATABASE_URL=postgres://postgres@no-such-host.invalid:5432/harmony: the host name no-such-host.invalid cannot be resolved.\n' +
      'Correct the host in DATABASE_URL.'
  );
});

t.test('HOST that is not an address of this machine', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine; binding to it fails at once, nothing is sent.
  const error = await listenOn(app, { port: 3999, host: '192.0.2.1', portVariable: 'PORT', hostVariable: 'HOST' }).catch((e: unknown) => e);
  t.equal(
    explainStartupFailure(error, {}),
    "HOST=192.0.2.1: not an address of this machine, so port 3999 cannot be opened there.\nSet HOST to one of this machine's addresses, or 0.0.0.0 for all of them."
  );
});

t.test('database URLs are printed with the password masked, wherever it is', async (t) => {
  t.equal(maskedDatabaseUrl('postgres://u:p%40ss@db:5432/x'), 'postgres://u:****@db:5432/x');
  t.equal(maskedDatabaseUrl('postgres://u@db/x?password=secret&sslmode=require'), 'postgres://u@db/x?password=****&sslmode=require');
  t.equal(maskedDatabaseUrl('postgres://db/x'), 'postgres://db/x');
  t.equal(maskedDatabaseUrl('not a url with secret'), '(not a URL)');
});

t.test('a file-system error elsewhere is not blamed on DATA_DIR, and an unexplained error keeps its stack', async (t) => {
  const db = await databaseFor(t);
  const file = path.join(db.dataDir, 'a-file');
  await writeFile(file, '');
  const elsewhere = await mkdir(path.join(file, 'x'), { recursive: true }).catch((e: unknown) => e);
  t.match(elsewhere, { code: 'ENOTDIR' });
  t.equal(explainStartupFailure(elsewhere, { dataDir: path.join(db.dataDir, 'data') }), undefined);
  t.match(explainStartupFailure(elsewhere, { dataDir: path.join(file, 'x') }), /^DATA_DIR=/, 'it is when it is on the way to DATA_DIR');

  const bug = new Error('a bug');
  await t.rejects(orExit(() => Promise.reject(bug), { dataDir: db.dataDir }), bug, 'rethrown as it is, stack and all');
});
