import t from 'tap';
import { AuditAction, DeviceType, PushType, SendState, TokenStatus } from '@harmony-push/shared';
import { adminKeyId } from '../../src/plugins/auth';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, receiptEnv } from '../helpers/receipts';
import { tokenOf } from '../helpers/tokens';

const svc = await startTestService(t, receiptEnv());
const { app, emulator } = svc;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function newDevice(deviceType = DeviceType.PHONE, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } });
  const token = res.json().token as string;
  const reg = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType, ...extra } });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  return token;
}

const alert = { notification: { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } } };
const send = (target: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: PushType.ALERT, payload: alert, target } });

const phone = await newDevice(DeviceType.PHONE);
const tablet = await newDevice(DeviceType.TABLET, { notificationsEnabled: false });
const first = (await send({ tokens: [phone] })).json();
// The tablet said its notifications are off: an alert selection leaves it out unless asked.
const second = (await send({ deviceTypes: [DeviceType.TABLET], includeNotificationsOff: true })).json();

t.test('every console view needs the admin key', async (t) => {
  for (const [method, url] of [['GET', '/overview'], ['GET', '/sends'], ['GET', '/sends/export.csv'], ['POST', '/audience/count'], ['GET', '/tokens/1'], ['GET', '/audit']] as const) {
    const none = await app.inject({ method, url, payload: method === 'POST' ? { all: true } : undefined });
    t.equal(none.statusCode, 401, `${method} ${url} without a key`);
    const wrong = await app.inject({ method, url, headers: { authorization: 'Bearer not-the-admin-key-000000' }, payload: method === 'POST' ? { all: true } : undefined });
    t.equal(wrong.statusCode, 401, `${method} ${url} with a wrong key`);
    const appKey = await app.inject({ method, url, headers: { authorization: `Bearer ${APP_KEY}` }, payload: method === 'POST' ? { all: true } : undefined });
    t.equal(appKey.statusCode, 403, `${method} ${url} with an app key`);
  }
});

t.test('GET /overview counts devices by type and status, sends, the funnel by day, and the configuration health', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/overview', headers: admin });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.same(body.devices, [
    { deviceType: DeviceType.PHONE, status: TokenStatus.ACTIVE, count: 1, notificationsOff: 0 },
    { deviceType: DeviceType.TABLET, status: TokenStatus.ACTIVE, count: 1, notificationsOff: 1 }
  ]);
  t.same(body.last24Hours, { sends: 2, accepted: 2 });
  t.same(body.last30Days, { sends: 2, accepted: 2 });
  t.equal(body.funnel.length, 1);
  t.match(body.funnel[0], { day: new Date().toISOString().slice(0, 10), accepted: 2, delivery: { pending: 2, delivered: 0 } });
  t.match(body.health, {
    pushKitTarget: 'emulator',
    serviceAccountLoaded: false,
    jwtSignings: 1,
    lastJwtSigningAt: /^\d{4}-/,
    configurationErrors: [],
    receiptEndpointConfigured: true
  });
  t.ok(body.health.pushKitBaseUrl.startsWith('http://127.0.0.1:'));
});

t.test('GET /sends lists the history newest first with a cursor, tokens never shown', async (t) => {
  const page1 = await app.inject({ method: 'GET', url: '/sends?limit=1', headers: admin });
  t.equal(page1.statusCode, 200, page1.body);
  const body1 = page1.json();
  t.equal(body1.items.length, 1);
  t.match(body1.items[0], { sendId: second.sendId, pushType: PushType.ALERT, state: SendState.COMPLETED, audience: '1 token', requested: 1, accepted: 1 });
  t.match(body1.items[0].delivery, { pending: 1 });
  t.type(body1.nextCursor, 'string');
  const page2 = (await app.inject({ method: 'GET', url: `/sends?limit=1&cursor=${body1.nextCursor}`, headers: admin })).json();
  t.same(page2.items.map((item: { sendId: string }) => item.sendId), [first.sendId]);
  t.equal(page2.nextCursor, undefined);
  const filtered = (await app.inject({ method: 'GET', url: '/sends?state=cancelled', headers: admin })).json();
  t.same(filtered.items, []);
  const bad = await app.inject({ method: 'GET', url: '/sends?cursor=nope&state=done', headers: admin });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().details, [{ path: /cursor|state/ }, { path: /cursor|state/ }]);
  t.notOk(page1.body.includes(phone) || page1.body.includes(tablet));
});

t.test('GET /sends/export.csv exports every send as CSV and is audited', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/sends/export.csv', headers: admin });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  const lines = res.body.trim().split('\r\n');
  t.equal(lines.length, 3);
  t.ok(lines[0].startsWith('sendId,createdAt,completedAt,pushType,state,audience,requested,accepted'));
  t.ok(lines[1].startsWith(`${second.sendId},`));
  t.ok(lines[2].startsWith(`${first.sendId},`));
  const completed = await app.inject({ method: 'GET', url: '/sends/export.csv?state=completed&junk=x', headers: admin });
  t.equal(completed.body.trim().split('\r\n').length, 3);
  const audit = (await app.inject({ method: 'GET', url: '/audit?action=export', headers: admin })).json();
  t.match(audit.items, [
    { action: AuditAction.EXPORT, adminKeyId: adminKeyId(ADMIN_KEY), subject: 'sends.csv state=completed' },
    { action: AuditAction.EXPORT, adminKeyId: adminKeyId(ADMIN_KEY), subject: 'sends.csv' }
  ]);
});

t.test('POST /audience/count resolves a target as a send would', async (t) => {
  const count = async (target: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/audience/count', headers: admin, payload: target });
    t.equal(res.statusCode, 200, res.body);
    return res.json().count;
  };
  t.equal(await count({ all: true }), 2);
  t.equal(await count({ deviceTypes: [DeviceType.TABLET] }), 1);
  t.equal(await count({ tokens: [phone, phone, tokenOf('unregistered')] }), 2, 'tokens count once, registered or not');
  t.equal(await count({ tokens: [phone], all: true }), 2, 'a named token is not counted twice');
  t.equal(await count({ userIds: ['nobody'] }), 0);
  const bad = await app.inject({ method: 'POST', url: '/audience/count', headers: admin, payload: {} });
  t.equal(bad.statusCode, 400);
});

t.test('GET /tokens/:id shows a device, masked, with the sends that named it', async (t) => {
  const list = (await app.inject({ method: 'GET', url: `/tokens?tokenSuffix=${phone.slice(-8)}`, headers: admin })).json();
  t.equal(list.items.length, 1, 'the last characters of a token find it');
  const id = list.items[0].id as string;
  const res = await app.inject({ method: 'GET', url: `/tokens/${id}`, headers: admin });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.match(body.device, { id, deviceType: DeviceType.PHONE, status: TokenStatus.ACTIVE, testDevice: false });
  t.notOk(res.body.includes(phone), 'the token is masked');
  t.match(body.sends, [{ sendId: first.sendId, pushType: PushType.ALERT, state: SendState.COMPLETED, status: 'accepted' }]);
  t.equal(body.sends.length, 1);
  t.equal((await app.inject({ method: 'GET', url: '/tokens/999999', headers: admin })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: '/tokens/abc', headers: admin })).statusCode, 400);
  const short = await app.inject({ method: 'GET', url: '/tokens?tokenSuffix=ab', headers: admin });
  t.equal(short.statusCode, 400);
});

t.test('receipts fill the history’s summaries, the funnel by day and the device page', async (t) => {
  const posted = await postReceipts(app, { statuses: [deliveryStatus(phone, first.batches[0].requestId, { result: 0 })] });
  t.equal(posted.statusCode, 200, posted.body);
  const history = (await app.inject({ method: 'GET', url: '/sends', headers: admin })).json();
  const sent = history.items.find((item: { sendId: string }) => item.sendId === first.sendId);
  t.match(sent.delivery, { delivered: 1, pending: 0, byResult: { 0: 1 } });
  t.match(history.items.find((item: { sendId: string }) => item.sendId === second.sendId).delivery, { delivered: 0, pending: 1 });
  const overview = (await app.inject({ method: 'GET', url: '/overview', headers: admin })).json();
  t.match(overview.funnel[0], { accepted: 2, delivery: { delivered: 1, pending: 1 } });
  const list = (await app.inject({ method: 'GET', url: `/tokens?tokenSuffix=${phone.slice(-8)}`, headers: admin })).json();
  const device = (await app.inject({ method: 'GET', url: `/tokens/${list.items[0].id}`, headers: admin })).json();
  t.match(device.sends, [{ sendId: first.sendId, delivery: { result: 0, meaning: 'delivered', at: /^\d{4}-/ } }]);
  const csv = (await app.inject({ method: 'GET', url: '/sends/export.csv', headers: admin })).body.split('\r\n');
  const header = csv[0].split(',');
  const row = csv.find((line) => line.startsWith(first.sendId))?.split(',') ?? [];
  t.equal(row[header.indexOf('delivery.delivered')], '1', 'the export carries the receipts too');
});
