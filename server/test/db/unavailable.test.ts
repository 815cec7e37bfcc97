import t from 'tap';
import { buildApp } from '../../src/app';
import { startEmbeddedDatabase } from '../../src/db/embedded';
import { ADMIN_KEY, APP_KEY, LogCapture, testConfig } from '../helpers/service';
import { createTestDatabase } from '../helpers/database';
import { startTestEmulator } from '../helpers/pushkit';
import { tokenOf } from '../helpers/tokens';
import { TcpLink } from '../helpers/tcp-link';

const db = await createTestDatabase();
const embedded = db.databaseUrl ? undefined : await startEmbeddedDatabase(db.dataDir);
const link = new TcpLink(new URL(db.databaseUrl ?? (embedded as { url: string }).url));
const logs = new LogCapture();
const { pushKit } = await startTestEmulator(t);
const app = await buildApp({
  config: testConfig(db),
  pushKit,
  sending: { workers: 0, jobTimeoutSeconds: 60, leaseSeconds: 30, maintenanceSeconds: 60, jobRetries: 10 },
  database: { url: (await link.listen()).toString(), maxConnections: embedded ? 1 : 4 },
  logStream: logs
});
await app.ready();
t.teardown(async () => {
  await app.close();
  await link.close();
  await embedded?.close();
  await db.drop();
});

const sent: string[] = [];
function register(token: string) {
  sent.push(token);
  return app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
}

for (const mode of ['refuse', 'blackhole'] as const) {
  t.test(`database ${mode === 'refuse' ? 'refusing connections' : 'not answering'}: 503 with Retry-After, no hang`, async (t) => {
    const kept = tokenOf('kept');
    t.equal((await register(kept)).statusCode, 201);

    link.cut(mode);
    const answers = await Promise.all([
      register(tokenOf('lost')),
      app.inject({ method: 'GET', url: '/readyz' }),
      app.inject({ method: 'GET', url: '/tokens', headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    ]);
    for (const res of answers) {
      t.equal(res.statusCode, 503);
      t.equal(res.json().error, 'DATABASE_UNAVAILABLE');
      t.ok(Number(res.headers['retry-after']) > 0, 'Retry-After is set');
    }
    t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process itself is up');

    link.restore();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    t.equal(ready.statusCode, 200, 'recovers when the database is back');
    const again = await register(kept);
    t.equal(again.statusCode, 200, 'what was stored before the outage is still there');
  });
}

t.test('error logs of the outage carry no full token or key', async (t) => {
  const text = logs.text();
  t.match(text, /"level":50/, 'the outage was logged as errors');
  for (const secret of [...sent, APP_KEY, ADMIN_KEY]) t.notOk(text.includes(secret));
});
