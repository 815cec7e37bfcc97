import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { TestMessageQuotaRepository } from '../../src/sending/test-message-quota';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const { app, emulator } = await startTestService(t);
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function newDevice(register = true): Promise<string> {
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } });
  const token = res.json().token as string;
  if (register) {
    const reg = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
    if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  }
  return token;
}

const mark = (token: string, method: 'PUT' | 'DELETE' = 'PUT', headers: Record<string, string> = admin) =>
  app.inject({ method, url: `/tokens/${encodeURIComponent(token)}/test-device`, headers });

const inbox = async (token: string) =>
  (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json().messages;

const send = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/send', headers: admin, payload: body });

const alert = { notification: { category: 'IM', title: 'Test', body: 'A test message', clickAction: { actionType: 0 } } };

const testDevices: string[] = [];
const others: string[] = [];

t.before(async () => {
  for (let i = 0; i < 12; i++) testDevices.push(await newDevice());
  for (let i = 0; i < 3; i++) others.push(await newDevice());
});

t.test('an admin marks and unmarks registered devices as test devices', async (t) => {
  const token = others[0];
  const marked = await mark(token);
  t.equal(marked.statusCode, 200);
  t.match(marked.json(), { testDevice: true, deviceType: 'phone', status: 'active' });
  t.notOk(marked.body.includes(token), 'the answer masks the token');
  t.equal((await mark(token)).statusCode, 200, 'marking twice is the same');

  const unmarked = await mark(token, 'DELETE');
  t.equal(unmarked.statusCode, 200);
  t.equal(unmarked.json().testDevice, false);
  t.equal((await app.pg.query('SELECT test_device FROM push_tokens WHERE token = $1', [token])).rows[0].test_device, false);

  t.equal((await mark(tokenOf('unknown'))).statusCode, 404, 'an unregistered token is a 404');
  t.equal((await mark(token, 'PUT', { 'x-app-key': APP_KEY })).statusCode, 403, 'the app key cannot mark');
  t.equal((await mark(token, 'PUT', {})).statusCode, 401);
});

t.test('GET /tokens?testDevice filters on the mark', async (t) => {
  for (const token of testDevices) t.equal((await mark(token)).statusCode, 200);
  const marked = await app.inject({ method: 'GET', url: '/tokens?testDevice=true&limit=500', headers: admin });
  t.equal(marked.statusCode, 200);
  t.equal(marked.json().items.length, 12);
  t.ok(marked.json().items.every((item: { testDevice: boolean }) => item.testDevice));
  const unmarked = await app.inject({ method: 'GET', url: '/tokens?testDevice=false&limit=500', headers: admin });
  t.equal(unmarked.json().items.length, 3);
  const bad = await app.inject({ method: 'GET', url: '/tokens?testDevice=yes', headers: admin });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().details[0].path, 'querystring.testDevice');
});

t.test('target.testDevices sends test messages to the test devices only, 10 tokens a request', async (t) => {
  const before = (await app.inject({ method: 'GET', url: '/quota', headers: admin })).json().testMessages.used;
  const res = await send({ pushType: PushType.ALERT, payload: alert, target: { testDevices: true } });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.match(body, { state: 'completed', requested: 12, accepted: 12 });
  t.same(body.batches.map((batch: { tokens: number }) => batch.tokens).sort(), [10, 2], 'batches of 10');
  t.match(body.testMessages, { used: before + 2, limit: 1000, day: /^\d{4}-\d\d-\d\d$/ }, 'two successful test requests counted');
  for (const token of testDevices) {
    const messages = await inbox(token);
    t.equal(messages.length, 1);
    t.equal(messages[0].pushOptions.testMessage, true, 'sent as a test message');
  }
  for (const token of others) t.equal((await inbox(token)).length, 0, 'other devices get nothing');

  const quota = await app.inject({ method: 'GET', url: '/quota', headers: admin });
  t.equal(quota.statusCode, 200);
  t.same(quota.json(), { testMessages: body.testMessages });
  t.equal((await app.inject({ method: 'GET', url: '/quota', headers: { 'x-app-key': APP_KEY } })).statusCode, 403);

  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: admin });
  t.match(metrics.body, new RegExp(`harmony_push_test_messages_used ${before + 2}\\b`));
  t.match(metrics.body, /harmony_push_test_messages_limit 1000\b/);
});

t.test('any test send counts its successful requests; other sends do not', async (t) => {
  const used = async () => (await app.inject({ method: 'GET', url: '/quota', headers: admin })).json().testMessages.used;
  const start = await used();
  const own = await send({ pushType: PushType.ALERT, payload: alert, pushOptions: { testMessage: true }, target: { tokens: [others[1]] } });
  t.equal(own.statusCode, 200);
  t.equal(own.json().testMessages.used, start + 1);
  const normal = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [others[1]] } });
  t.equal(normal.json().testMessages, undefined, 'not a test send');
  const refused = await send({ pushType: PushType.ALERT, payload: alert, pushOptions: { testMessage: true }, target: { tokens: [tokenOf('not-a-device')] } });
  t.equal(refused.json().accepted, 0);
  t.equal(await used(), start + 1, 'a request Push Kit refused is not counted');
});

t.test('testDevices narrows with userIds and deviceTypes, and refuses what contradicts it', async (t) => {
  const narrowed = await send({ pushType: PushType.ALERT, payload: alert, target: { testDevices: true, deviceTypes: ['tv'] } });
  t.equal(narrowed.statusCode, 200);
  t.equal(narrowed.json().requested, 0, 'no test device is a TV');
  for (const [target, pushOptions, path] of [
    [{ testDevices: true, tokens: [others[0]] }, undefined, 'body.target'],
    [{ testDevices: true }, { testMessage: false }, 'body.pushOptions.testMessage'],
    [{ testDevices: false }, undefined, 'body.target']
  ] as const) {
    const res = await send({ pushType: PushType.ALERT, payload: alert, target, ...(pushOptions ? { pushOptions } : {}) });
    t.equal(res.statusCode, 400, JSON.stringify(target));
    t.ok(res.json().details.some((detail: { path: string }) => detail.path === path), `${path} named`);
  }
  const card = await send({
    pushType: PushType.FORM_UPDATE,
    payload: { formId: 1, version: 1, formData: {} },
    target: { testDevices: true }
  });
  t.equal(card.statusCode, 400, 'a card update names one token');
});

t.test('the quota day is China Standard Time (UTC+8): it turns at 16:00 UTC', async (t) => {
  let now = Date.parse('2026-03-01T15:59:59.000Z');
  const quota = new TestMessageQuotaRepository(app.pg.pool, () => now);
  const first = await quota.today();
  t.equal(first.day, '2026-03-01');
  t.equal(first.limit, 1000);
  await quota.record(3);
  t.equal((await quota.today()).used, first.used + 3);
  now = Date.parse('2026-03-01T16:00:00.000Z');
  t.same(await quota.today(), { day: '2026-03-02', used: 0, limit: 1000 }, 'a new day starts at midnight in Beijing');
  await quota.record(1);
  t.equal((await quota.today()).used, 1);
  now = Date.parse('2026-03-01T15:00:00.000Z');
  t.equal((await quota.today()).used, first.used + 3, 'the previous day keeps its count');
  await quota.record(0);
  t.equal((await quota.today()).used, first.used + 3, 'recording nothing changes nothing');
});
