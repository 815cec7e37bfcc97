import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';

const { app, emulator } = await startTestService(t);
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function device(): Promise<string> {
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } });
  return res.json().token as string;
}

const inbox = async (token: string) =>
  (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json().messages;

const send = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/send', headers: admin, payload: body });

const notification = { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } };

t.test('every alert and voice broadcast gets a notifyId of its own, sent and stored', async (t) => {
  const token = await device();
  const first = await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } });
  const second = await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } });
  const voice = await send({
    pushType: PushType.EXTENSION,
    payload: { notification: { ...notification, category: 'PLAY_VOICE' }, extraData: 'x' },
    target: { tokens: [token] }
  });
  const ids = [first, second, voice].map((res) => res.json().notifyId as number);
  for (const id of ids) t.ok(Number.isInteger(id) && id >= 0 && id <= 2147483647, `${id} is in Push Kit's range`);
  t.equal(new Set(ids).size, 3, 'unique per send');
  const messages = await inbox(token);
  t.same(messages.map((message: { payload: { notification: { notifyId: number } } }) => message.payload.notification.notifyId), ids, 'sent in the notification');
  const stored = await app.inject({ method: 'GET', url: `/sends/${first.json().sendId}`, headers: admin });
  t.equal(stored.json().notifyId, ids[0], 'kept with the send');
});

t.test("the caller's notifyId is kept, -1 is left to Push Kit, and other messages get none", async (t) => {
  const token = await device();
  const own = await send({ pushType: PushType.ALERT, payload: { notification: { ...notification, notifyId: 42 } }, target: { tokens: [token] } });
  t.equal(own.json().notifyId, 42);
  const pushKits = await send({ pushType: PushType.ALERT, payload: { notification: { ...notification, notifyId: -1 } }, target: { tokens: [token] } });
  t.equal(pushKits.json().notifyId, undefined, 'Push Kit picks one: there is none to revoke with');
  const badge = await send({ pushType: PushType.ALERT, payload: { notification: { badge: { setNum: 3 } } }, target: { tokens: [token] } });
  t.equal(badge.statusCode, 200, badge.body);
  t.equal(badge.json().notifyId, undefined, 'a badge-only update carries no notifyId');
  const background = await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, target: { tokens: [token] } });
  t.equal(background.json().notifyId, undefined);
  const sent = (await inbox(token)).map((message: { payload: { notification?: { notifyId?: number } } }) => message.payload.notification?.notifyId);
  t.same(sent, [42, -1, undefined, undefined]);
});

t.test('the sequence wraps below 2^31 to its start', async (t) => {
  const token = await device();
  await app.pg.query(`SELECT setval('send_notify_ids', 2147483646)`);
  const last = await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } });
  const wrapped = await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } });
  t.equal(last.json().notifyId, 2147483647);
  t.equal(wrapped.json().notifyId, 1);
  t.equal(wrapped.json().accepted, 1);
});

t.test('the size check counts the notifyId the server adds', async (t) => {
  const token = await device();
  const bytes = (n: object) => Buffer.byteLength(JSON.stringify({ payload: { notification: n }, target: { token: [] } }));
  const added = (id: string) =>
    Buffer.byteLength(`,"appMessageId":"${id}"`) + Buffer.byteLength(`,"pushOptions":{"biTag":"${id}"}`);
  const uuid = '00000000-0000-4000-8000-000000000000';
  // Fits with the appMessageId and biTag, not with the longest notifyId as well (`,"notifyId":2147483647` is 22 bytes).
  const body = 'x'.repeat(4096 - added(uuid) - 10 - bytes({ ...notification, body: '' }));
  const res = await send({ pushType: PushType.ALERT, payload: { notification: { ...notification, body } }, target: { tokens: [token] } });
  t.equal(res.statusCode, 400, 'refused');
  t.match(res.json().details[0].message, /notifyId/);
  const withOwn = await send({
    pushType: PushType.ALERT,
    payload: { notification: { ...notification, body: body.slice(0, -5), notifyId: 7 } },
    target: { tokens: [token] }
  });
  t.equal(withOwn.statusCode, 200, "the caller's own notifyId is counted as given");
});
