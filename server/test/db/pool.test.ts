import t from 'tap';
import { DatabasePool } from '../../src/db/pool';
import { NotCommittedError, isDatabaseUnavailable } from '../../src/db/errors';
import { inTransaction } from '../../src/db/transaction';
import { underDeadline } from '../../src/db/deadline';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded';
import { createTestDatabase } from '../helpers/database';
import { tokenOf } from '../helpers/tokens';

/*
 * The pool's rules on its own, with one connection so that every query meets the same client: what keeps a client,
 * what destroys it, and that an answer means committed.
 */
const db = await createTestDatabase();
const embedded = db.databaseUrl ? undefined : await startEmbeddedDatabase(db.dataDir);
const pool = new DatabasePool({ connectionString: db.databaseUrl ?? (embedded as EmbeddedDatabase).url, max: 1 });
let connections = 0;
pool.on('connect', () => (connections += 1));
t.teardown(async () => {
  await pool.end();
  await embedded?.close();
  await db.drop();
});
await pool.query('CREATE TABLE probe (token text PRIMARY KEY)');

const stored = async (token: string) => (await pool.query('SELECT 1 FROM probe WHERE token = $1', [token])).rowCount === 1;
const insert = (token: string) => pool.query('INSERT INTO probe VALUES ($1)', [token]);

t.test('a statement PostgreSQL refused keeps the connection', async (t) => {
  await pool.query('SELECT 1');
  const before = connections;
  await t.rejects(pool.query('SELECT 1 / 0'), { code: '22012' });
  await t.rejects(insert('x\u0000'));
  t.ok(await insert(tokenOf('fine')), 'and serves the next statement');
  t.equal(connections, before, 'the same connection serves on');
});

t.test('a statement that ran inside an unfinished transaction is not acknowledged', async (t) => {
  // A client handed back to the pool inside a transaction, as a dropped ROLLBACK used to leave it.
  const client = await pool.connect();
  await client.query('BEGIN');
  client.release();
  const before = connections;

  const token = tokenOf('poisoned');
  const error = await insert(token).catch((caught: unknown) => caught);
  t.type(error, NotCommittedError, 'the insert is refused, not acknowledged');
  t.ok(isDatabaseUnavailable(error), 'and answered 503');
  t.notOk(await stored(token), 'nothing was committed');
  t.equal(connections, before + 1, 'that connection was replaced');
});

t.test('a transaction past its deadline destroys its connection instead of returning it', async (t) => {
  await pool.query('SELECT 1');
  const before = connections;
  const token = tokenOf('late');
  const error = await underDeadline(performance.now() + 200, () =>
    inTransaction(pool, async (client) => {
      await client.query('INSERT INTO probe VALUES ($1)', [token]);
      await client.query('SELECT pg_sleep(2)');
    })
  ).catch((caught: unknown) => caught);
  t.ok(isDatabaseUnavailable(error), `answered 503 (${String(error)})`);
  t.notOk(await stored(token), 'nothing was committed');
  t.equal(connections, before + 1, 'a fresh connection serves next');
});
