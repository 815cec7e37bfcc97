import t from 'tap';
import { APP_KEY, startTestService } from '../helpers/service';
import { createTestDatabase } from '../helpers/database';
import { tokenOf } from '../helpers/tokens';

t.test('a restart on the same data keeps what was stored', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  const token = tokenOf('persist');

  const first = await startTestService(t, {}, db);
  const created = await first.app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY },
    payload: { token, deviceType: 'tablet', appVersion: '2.0.0' }
  });
  t.equal(created.statusCode, 201);
  await first.close();

  const second = await startTestService(t, {}, db);
  const { rows } = await second.app.pg.query('SELECT device_type, app_version FROM push_tokens WHERE token = $1', [token]);
  t.same(rows, [{ device_type: 'tablet', app_version: '2.0.0' }]);
  const again = await second.app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY },
    payload: { token, deviceType: 'tablet' }
  });
  t.equal(again.statusCode, 200, 'the token is known after the restart');
  const migrations = await second.app.pg.query('SELECT count(*)::int AS n FROM pgmigrations');
  t.ok(migrations.rows[0].n >= 1, 'migrations are recorded and not run twice');
});
