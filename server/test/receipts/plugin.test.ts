import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import t, { type Test } from 'tap';
import receipts from '../../src/receipts/plugin';
import { startTestService } from '../helpers/service';
import { postReceipts, receiptEnv } from '../helpers/receipts';

/* The receipts plugin (src/receipts/plugin.ts): its timer forgetting old callback nonces, and how it is wired. */

const MINUTE_MS = 60_000;

/** Every setInterval and clearInterval of the service started after this call, passed through to the real ones. */
function watchTimers(t: Test) {
  return { set: t.capture(globalThis, 'setInterval', globalThis.setInterval), clear: t.capture(globalThis, 'clearInterval', globalThis.clearInterval) };
}

t.test('signed callbacks: every minute while the process runs, nonces past their memory are forgotten; closed, it stops', async (t) => {
  const timers = watchTimers(t);
  const svc = await startTestService(t, receiptEnv());
  const { app, logs } = svc;
  const everyMinute = timers.set.calls.filter((call) => call.args[1] === MINUTE_MS);
  t.equal(everyMinute.length, 1, 'one timer, every minute');
  const [{ args, returned: timer }] = everyMinute as unknown as { args: [() => void, number]; returned: NodeJS.Timeout }[];
  const tick = args[0];
  t.notOk(timer.hasRef(), 'it does not keep the process alive');

  const old = randomUUID();
  const recent = randomUUID();
  for (const nonce of [old, recent]) t.equal((await postReceipts(app, { statuses: [] }, { nonce })).statusCode, 200);
  await app.pg.query(`UPDATE receipt_nonces SET seen_at = now() - interval '11 minutes' WHERE nonce = $1`, [old]);
  const pruning = t.capture(app.receipts, 'pruneNonces', app.receipts.pruneNonces.bind(app.receipts));
  tick();
  t.equal(pruning.calls.length, 1, 'a minute passed: the nonces are pruned');
  await (pruning.calls[0] as { returned: Promise<number> }).returned;
  const { rows } = await app.pg.query<{ nonce: string }>('SELECT nonce FROM receipt_nonces WHERE nonce = ANY($1)', [[old, recent]]);
  t.same(rows.map((row) => row.nonce), [recent], 'the old one is forgotten, the recent one kept');
  pruning.restore();

  // A failure is logged, never thrown out of the timer.
  t.capture(app.receipts, 'pruneNonces', async () => {
    throw new Error('the database is away');
  });
  const logged = logs.lines.length;
  tick();
  await new Promise((resolve) => setImmediate(resolve));
  t.match(
    logs.lines.slice(logged).map((line) => JSON.parse(line)),
    [{ level: 40, msg: 'pruning receipt nonces failed', err: { message: 'the database is away' } }]
  );

  await svc.close();
  t.ok(timers.clear.calls.some((call) => call.args[0] === timer), 'closed, the timer is stopped');
});

t.test('unsigned callbacks carry no nonce: no timer prunes any', async (t) => {
  const timers = watchTimers(t);
  await startTestService(t, { PUSHKIT_RECEIPTS_UNSIGNED: 'true' });
  t.same(timers.set.calls.filter((call) => call.args[1] === MINUTE_MS), []);
});

t.test('registered before what it needs, the plugin refuses to start, naming what is missing', async (t) => {
  const needs = ['database', 'metrics', 'token-repository', 'receipt-repository'];
  for (const missing of needs) {
    const app = Fastify();
    for (const name of needs.filter((need) => need !== missing)) void app.register(fp(async () => {}, { name }));
    void app.register(receipts, { unsigned: false });
    await t.rejects(async () => app.ready(), {
      code: 'FST_ERR_PLUGIN_DEPENDENCY_NOT_REGISTERED',
      message: `The dependency '${missing}' of plugin 'receipts' is not registered`
    });
  }
});
