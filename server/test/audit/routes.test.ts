import t from 'tap';
import { AuditAction, PushType } from '@harmony-push/shared';
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
