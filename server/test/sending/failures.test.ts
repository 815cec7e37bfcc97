import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { createTestDatabase } from '../helpers/database';
import { HUAWEI_EXAMPLES } from '../helpers/huawei-examples';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function device(emulator: import('fastify').FastifyInstance): Promise<string> {
  return (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token;
}

t.test('an ambiguous failure leaves Live View and VoIP tokens unknown instead of sending them again', async (t) => {
  // Every connection is dropped before the answer: Push Kit may have taken the request.
  const { app, emulator } = await startTestService(t, {}, undefined, { faults: { dropRate: 1 } });
  for (const pushType of [PushType.LIVE_VIEW, PushType.VOIP_CALL]) {
    const token = await device(emulator);
    const payload = HUAWEI_EXAMPLES.find((e) => e.pushType === pushType)?.body.payload;
    const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType, payload, target: { tokens: [token] } } });
    t.equal(res.statusCode, 200, res.body);
    t.match(res.json(), { requested: 1, accepted: 0, failed: 0, skipped: 0, unknown: 1, results: [{ status: 'unknown' }] });
    t.equal(res.json().batches[0].attempts, 1, `push-type ${pushType} was not sent twice`);
  }
  const token = await device(emulator);
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 6, payload: { extraData: 'x' }, target: { tokens: [token] } } });
  t.ok(res.json().batches[0].attempts > 1, 'a background message is retried: the device keeps only the latest');
  t.match(res.json(), { unknown: 1 }, 'and is unknown when no answer ever came');
});

t.test('504 and connection failures before sending are retried for every push-type', async (t) => {
  const { app, emulator } = await startTestService(t, {}, undefined, { faults: { errorRate: 1, errorStatuses: [504] } });
  const token = await device(emulator);
  const payload = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.LIVE_VIEW)?.body.payload;
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 7, payload, target: { tokens: [token] } } });
  t.ok(res.json().batches[0].attempts > 1, '504 was retried');
  t.match(res.json(), { failed: 1, unknown: 0 }, 'never taken: failed, with the reason');
});

t.test('an immediate send left sending by a crash is marked failed at start-up', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  const first = await startTestService(t, {}, db);
  const sendId = '00000000-0000-4000-8000-0000000000aa';
  await first.app.pg.query(
    `INSERT INTO sends (id, push_type, state, message, created_at) VALUES ($1, 6, 'sending', '{}', now() - interval '1 hour')`,
    [sendId]
  );
  await first.close();
  const second = await startTestService(t, {}, db);
  const send = (await second.app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
  t.match(send, { state: 'failed', failureReason: /interrupted/ });
});

t.test('a broadcast pg-boss gives up on is marked failed', async (t) => {
  const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '1', SEND_JOB_RETRIES: '0' });
  const { seedDevices, startBroadcast, waitFor, finished } = await import('../helpers/broadcast');
  await seedDevices(app, pushKit.account, 1001);
  const pageEnd = app.tokens.pageEnd;
  app.tokens.pageEnd = async () => {
    throw new Error('the registry is unavailable');
  };
  t.teardown(() => {
    app.tokens.pageEnd = pageEnd;
  });
  const sendId = await startBroadcast(app, { pushType: PushType.BACKGROUND, payload: { extraData: 'x' } });
  const send = await waitFor(app, sendId, finished, 60);
  t.match(send, { state: 'failed', failureReason: /planning failed: the registry is unavailable/ });
});
