import t from 'tap';
import { AuditAction, PushType, maskToken } from '@harmony-push/shared';
import { adminKeyId } from '../../src/plugins/auth';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';

const SECOND_ADMIN_KEY = 'second-admin-key-for-tests-0123';
const svc = await startTestService(t, { ADMIN_KEYS: `${ADMIN_KEY},${SECOND_ADMIN_KEY}` });
const { app, emulator } = svc;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: {} })).json().token as string;
await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
const alert = { notification: { category: 'IM', title: 'Hello', body: 'Hi', clickAction: { actionType: 0 } } };

t.test('sends and cancels are recorded with the key id and the send, newest first; refused actions are not', async (t) => {
  const sent = await app.inject({
    method: 'POST', url: '/send', headers: { authorization: `Bearer ${SECOND_ADMIN_KEY}` },
    payload: { pushType: PushType.ALERT, payload: alert, target: { tokens: [token] } }
  });
  t.equal(sent.statusCode, 200, sent.body);
  const sendId = sent.json().sendId as string;
  const cancelled = await app.inject({ method: 'POST', url: `/sends/${sendId}/cancel`, headers: admin });
  t.equal(cancelled.statusCode, 200);
  const refused = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: PushType.ALERT, payload: {}, target: { tokens: [token] } } });
  t.equal(refused.statusCode, 400);
  const missing = await app.inject({ method: 'POST', url: '/sends/00000000-0000-4000-8000-000000000000/cancel', headers: admin });
  t.equal(missing.statusCode, 404);

  const res = await app.inject({ method: 'GET', url: '/audit', headers: admin });
  t.equal(res.statusCode, 200, res.body);
  const items = res.json().items;
  t.equal(items.length, 2);
  t.match(items, [
    { action: AuditAction.CANCEL, adminKeyId: adminKeyId(ADMIN_KEY), subject: sendId, at: /^\d{4}-/ },
    { action: AuditAction.SEND, adminKeyId: adminKeyId(SECOND_ADMIN_KEY), subject: sendId }
  ]);
  t.match(adminKeyId(ADMIN_KEY), /^[0-9a-f]{8}$/);
  t.notOk(res.body.includes(ADMIN_KEY) || res.body.includes(SECOND_ADMIN_KEY), 'keys never appear');

  const page = (await app.inject({ method: 'GET', url: '/audit?limit=1', headers: admin })).json();
  t.equal(page.items.length, 1);
  const next = (await app.inject({ method: 'GET', url: `/audit?limit=1&cursor=${page.nextCursor}`, headers: admin })).json();
  t.match(next.items, [{ action: AuditAction.SEND }]);
  const sends = (await app.inject({ method: 'GET', url: '/audit?action=send', headers: admin })).json();
  t.equal(sends.items.length, 1);
});

t.test('test-device changes are recorded with the token masked, by token or by id alike; refused ones are not', async (t) => {
  const { id } = (await app.pg.query('SELECT id FROM push_tokens WHERE token = $1', [token])).rows[0];
  const byToken = (method: 'PUT' | 'DELETE') =>
    app.inject({ method, url: `/tokens/${encodeURIComponent(token)}/test-device`, headers: admin });
  const byId = (method: 'PUT' | 'DELETE', deviceId = id as string) =>
    app.inject({ method, url: `/tokens/by-id/${deviceId}/test-device`, headers: admin });
  t.equal((await byToken('PUT')).statusCode, 200);
  t.equal((await byToken('DELETE')).statusCode, 200);
  t.equal((await byId('PUT')).statusCode, 200);
  t.equal((await byId('DELETE')).statusCode, 200);
  t.equal((await byId('PUT', '999999999')).statusCode, 404);
  t.equal((await byId('PUT', 'nope')).statusCode, 400);

  const res = await app.inject({ method: 'GET', url: '/audit?limit=4', headers: admin });
  const masked = maskToken(token);
  t.same(
    res.json().items.map((item: { action: string; adminKeyId: string; subject: string }) => [item.action, item.adminKeyId, item.subject]),
    [
      [AuditAction.TEST_DEVICE_REMOVE, adminKeyId(ADMIN_KEY), masked],
      [AuditAction.TEST_DEVICE_ADD, adminKeyId(ADMIN_KEY), masked],
      [AuditAction.TEST_DEVICE_REMOVE, adminKeyId(ADMIN_KEY), masked],
      [AuditAction.TEST_DEVICE_ADD, adminKeyId(ADMIN_KEY), masked]
    ],
    'both routes, newest first, the refused ones not recorded'
  );
  t.notOk(res.body.includes(token), 'the token never appears in full');
});
