import t from 'tap';
import { TokenStatus } from '@harmony-push/shared';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

const { app } = await startTestService(t);
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

const register = (token: string) =>
  app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });

const row = async (token: string) => (await app.pg.query('SELECT * FROM push_tokens WHERE token = $1', [token])).rows[0];

/** A registered token and when it was last seen (by the database's clock). */
async function registered(label: string): Promise<{ token: string; seen: number }> {
  const token = tokenOf(label);
  t.equal((await register(token)).statusCode, 201);
  return { token, seen: (await row(token)).last_seen_at.getTime() };
}

const at = (ms: number) => new Date(ms);

t.test('an active token not seen for TOKEN_STALE_DAYS (60) becomes stale; registering it again makes it active', async (t) => {
  const { token, seen } = await registered('stale');
  await app.maintenance.run(at(seen + 60 * DAY_MS - MINUTE_MS));
  t.equal((await row(token)).status, TokenStatus.ACTIVE, 'one minute short of 60 days: still active');

  await app.maintenance.run(at(seen + 60 * DAY_MS + MINUTE_MS));
  t.equal((await row(token)).status, TokenStatus.STALE, 'past 60 days: stale');

  const listed = await app.inject({ method: 'GET', url: '/tokens?status=stale', headers: admin });
  t.equal(listed.statusCode, 200);
  const id = String((await row(token)).id);
  t.ok(listed.json().items.some((item: { id: string }) => item.id === id), 'GET /tokens?status=stale lists it');
  t.ok(listed.json().items.every((item: { status: string }) => item.status === TokenStatus.STALE), 'and nothing else');

  const again = await register(token);
  t.equal(again.statusCode, 200);
  t.equal(again.json().status, TokenStatus.ACTIVE, 'the device registered it again: active');
});

t.test('a delivered receipt counts as seen: a device that receives messages stays active', async (t) => {
  const { token, seen } = await registered('delivered');
  await app.pg.query(`UPDATE push_tokens SET last_delivered_at = $2 WHERE token = $1`, [token, at(seen + 50 * DAY_MS)]);
  await app.maintenance.run(at(seen + 61 * DAY_MS));
  t.equal((await row(token)).status, TokenStatus.ACTIVE, 'registered 61 days ago, delivered to 11 days ago');
  await app.maintenance.run(at(seen + 111 * DAY_MS));
  t.equal((await row(token)).status, TokenStatus.STALE, '61 days after the last delivery');
});

t.test('inactive and disabled tokens keep their state; every token not seen for TOKEN_EXPIRE_DAYS (270) is deleted', async (t) => {
  const tokens = { active: await registered('expire-a'), inactive: await registered('expire-i'), disabled: await registered('expire-d') };
  await app.pg.query(`UPDATE push_tokens SET status = 'inactive' WHERE token = $1`, [tokens.inactive.token]);
  await app.pg.query(
    `UPDATE push_tokens SET status = 'disabled', disabled_reason = 'uninstalled', disabled_at = now() WHERE token = $1`,
    [tokens.disabled.token]
  );
  const seen = Math.max(...Object.values(tokens).map((entry) => entry.seen));

  await app.maintenance.run(at(seen + 100 * DAY_MS));
  t.equal((await row(tokens.active.token)).status, TokenStatus.STALE);
  t.equal((await row(tokens.inactive.token)).status, TokenStatus.INACTIVE, 'inactive stays inactive');
  t.equal((await row(tokens.disabled.token)).status, TokenStatus.DISABLED, 'disabled stays disabled');

  await app.maintenance.run(at(seen + 270 * DAY_MS - MINUTE_MS));
  for (const entry of Object.values(tokens)) t.ok(await row(entry.token), 'one minute short of 270 days: kept');

  const report = await app.maintenance.run(at(seen + 270 * DAY_MS + MINUTE_MS));
  for (const entry of Object.values(tokens)) t.notOk(await row(entry.token), 'past 270 days: deleted, whatever its state');
  t.ok(report.tokens.deleted >= 3, 'the report counts them');
});

t.test('a sweep over more rows than one chunk reaches every row', async (t) => {
  await app.pg.query('DELETE FROM push_tokens');
  const insert = (label: string, count: number, daysAgo: number) =>
    app.pg.query(
      `INSERT INTO push_tokens (token, device_type, last_seen_at)
       SELECT $1 || i, 'phone', now() - make_interval(days => $3) FROM generate_series(1, $2) AS i`,
      [label, count, daysAgo]
    );
  await insert('fresh-', 50, 10);
  await insert('old-', 120, 100);
  await insert('expired-', 130, 300);
  // Interleaved ids, so that every chunk holds some of each.
  await app.pg.query(`UPDATE push_tokens SET last_seen_at = now() - make_interval(days => (ARRAY[10, 100, 300])[1 + id % 3])`);
  const { rows: expected } = await app.pg.query<{ days: number; n: number }>(
    `SELECT (ARRAY[10, 100, 300])[1 + id % 3] AS days, count(*)::int AS n FROM push_tokens GROUP BY 1`
  );
  const count = (days: number) => expected.find((entry) => entry.days === days)?.n ?? 0;

  const now = new Date();
  const swept = await app.tokens.sweep({
    staleBefore: new Date(now.getTime() - 60 * DAY_MS),
    expireBefore: new Date(now.getTime() - 270 * DAY_MS),
    chunkRows: 40
  });
  t.same(swept, { markedStale: count(100), deleted: count(300) }, 'every chunk was swept (300 rows, 40 per statement)');
  const { rows } = await app.pg.query(`SELECT status, count(*)::int AS n FROM push_tokens GROUP BY 1 ORDER BY 1`);
  t.same(rows, [
    { status: TokenStatus.ACTIVE, n: count(10) },
    { status: TokenStatus.STALE, n: count(100) }
  ]);
  t.same(
    await app.tokens.sweep({ staleBefore: new Date(now.getTime() - 60 * DAY_MS), expireBefore: new Date(now.getTime() - 270 * DAY_MS), chunkRows: 40 }),
    { markedStale: 0, deleted: 0 },
    'a second sweep finds nothing left to do'
  );
});

t.test('/metrics shows tokens by state with the enum names, and what sweeps did', async (t) => {
  await app.pg.query(`UPDATE push_tokens SET status = 'inactive' WHERE id IN (SELECT id FROM push_tokens WHERE status = 'active' LIMIT 2)`);
  const { rows } = await app.pg.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM push_tokens GROUP BY 1`);
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: admin });
  t.equal(res.statusCode, 200);
  for (const status of Object.values(TokenStatus)) {
    const n = rows.find((entry) => entry.status === status)?.n ?? 0;
    t.match(res.body, new RegExp(`^harmony_push_registry_tokens\\{status="${status}"\\} ${n}$`, 'm'), `${status}: ${n}`);
  }
  t.match(res.body, /^harmony_push_tokens_marked_stale_total [1-9]\d*$/m, 'tokens marked stale by sweeps');
  t.match(res.body, /^harmony_push_tokens_expired_total [1-9]\d*$/m, 'expired tokens deleted by sweeps');
});
