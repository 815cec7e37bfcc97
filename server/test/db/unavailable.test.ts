import net from 'node:net';
import t from 'tap';
import { buildApp } from '../../src/app';
import { startEmbeddedDatabase } from '../../src/db/embedded';
import { ADMIN_KEY, APP_KEY, LogCapture, testConfig } from '../helpers/service';
import { createTestDatabase } from '../helpers/database';
import { startTestEmulator } from '../helpers/pushkit';
import { tokenOf } from '../helpers/tokens';

/**
 * A TCP proxy between the service and its database, so a test can cut the database off
 * the same way on PGlite and on PostgreSQL: refuse connections, or swallow them (a black hole).
 */
class DatabaseLink {
  private readonly sockets = new Set<net.Socket>();
  private mode: 'up' | 'refuse' | 'blackhole' = 'up';
  private readonly server: net.Server;

  constructor(private readonly target: URL) {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'refuse') return client.destroy();
      if (this.mode === 'blackhole') return;
      const upstream = net.connect(Number(target.port), target.hostname);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(this.target);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((this.server.address() as net.AddressInfo).port);
    return proxied.toString();
  }

  cut(mode: 'refuse' | 'blackhole'): void {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.mode = 'up';
  }

  close(): Promise<void> {
    this.cut('refuse');
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const db = await createTestDatabase();
const embedded = db.databaseUrl ? undefined : await startEmbeddedDatabase(db.dataDir);
const link = new DatabaseLink(new URL(db.databaseUrl ?? (embedded as { url: string }).url));
const logs = new LogCapture();
const { pushKit } = await startTestEmulator(t);
const app = await buildApp({
  config: testConfig(db),
  pushKit,
  jobs: { workers: 0, batchTimeoutSeconds: 60, maintenanceSeconds: 60 },
  database: { url: await link.listen(), maxConnections: embedded ? 1 : 4 },
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
