import t from 'tap';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { finished, receivedCounts, seedDevices, waitFor } from '../helpers/broadcast';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const background = { pushType: 6, payload: { extraData: 'broadcast' } };

t.test('a target naming each token twice reaches each device once', async (t) => {
  const { app, emulator, pushKit } = await startTestService(t, { SEND_WORKERS: '2' }, undefined, { inbox: { perDevice: 5, total: 10_000 } });
  const tokens = await seedDevices(app, pushKit.account, 1100);
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...background, target: { tokens: [...tokens, ...tokens] } } });
  t.equal(res.statusCode, 202, res.body);
  const done = await waitFor(app, res.json().sendId, finished);
  t.match(done, { state: 'completed', requested: 1100, accepted: 1100, batchesTotal: 2 });
  const counts = await receivedCounts(emulator, tokens);
  t.same([...new Set(counts.values())], [1], 'every device got the message once');
});

t.test('the size limit is checked on what is sent: the send id it adds included', async (t) => {
  const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '2' });
  await seedDevices(app, pushKit.account, 1001);
  const notification = { category: 'IM', title: 'Hi', body: '', clickAction: { actionType: 0 } };
  const bytes = (n: object) => Buffer.byteLength(JSON.stringify({ payload: { notification: n }, target: { token: [] } }));
  // 40 bytes under the limit as the caller wrote it; the appMessageId and biTag the job adds take more than that.
  notification.body = 'x'.repeat(4096 - 40 - bytes(notification));
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 0, payload: { notification }, target: { all: true } } });
  t.equal(res.statusCode, 400, 'refused before anything is queued');
  t.ok(res.json().details.some((detail: { path: string }) => detail.path.startsWith('body.payload')), res.body);

  notification.body = 'x'.repeat(4096 - 200 - bytes({ ...notification, body: '' }));
  const ok = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 0, payload: { notification }, target: { all: true } } });
  t.equal(ok.statusCode, 202, ok.body);
  const done = await waitFor(app, ok.json().sendId, finished);
  t.match(done, { state: 'completed', requested: 1001, accepted: 1001 });
  t.equal(done.accepted + done.failed + done.skipped + done.unknown, done.requested, 'the counts add up');
});
