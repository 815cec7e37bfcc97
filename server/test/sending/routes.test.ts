import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { PUSH_TYPES, PushType } from '@harmony-push/shared';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { HUAWEI_EXAMPLES } from '../helpers/huawei-examples';
import { tokenOf } from '../helpers/tokens';

const svc = await startTestService(t);
const { app, emulator } = svc;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function newDevice(deviceType = 'phone', register = true): Promise<string> {
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } });
  const token = res.json().token as string;
  if (register) {
    const reg = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType } });
    if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  }
  return token;
}

const inbox = async (token: string) =>
  (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json().messages;

const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/send', headers: { ...admin, ...headers }, payload: body });

async function pushKitRequests(instance: FastifyInstance): Promise<number> {
  const metric = await instance.metrics.pushKitAnswers.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

/** Polls a broadcast until it is final (bounded: a stuck job fails the test instead of hanging it). */
async function waitForSend(sendId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin });
    const send = res.json();
    if (['completed', 'cancelled', 'failed'].includes(send.state)) return send;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`send ${sendId} did not finish`);
}

const alert = {
  notification: { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } }
};

t.test('every push type goes end to end through the emulator', async (t) => {
  for (const pushType of PUSH_TYPES) {
    const example = HUAWEI_EXAMPLES.find((candidate) => candidate.pushType === pushType);
    if (!example) throw new Error(`no Huawei example for push-type ${pushType}`);
    const token = await newDevice('phone');
    const res = await send({ pushType, payload: example.body.payload, pushOptions: example.body.pushOptions, target: { tokens: [token] } });
    t.equal(res.statusCode, 200, `push-type ${pushType}: ${res.statusCode === 200 ? '' : res.body}`);
    const body = res.json();
    t.match(body, { pushType, state: 'completed', requested: 1, accepted: 1, failed: 0, skipped: 0, errors: 0 });
    t.match(body.results, [{ status: 'accepted' }]);
    t.notOk(res.body.includes(token), 'the answer masks tokens');
    t.match(body.batches, [{ code: '80000000', requestId: /\S/, tokens: 1, attempts: 1 }]);
    const messages = await inbox(token);
    t.equal(messages.length, 1, `push-type ${pushType} reached the device`);
    t.same(messages[0].payload, example.body.payload, 'the payload arrives as sent');
  }
});

t.test('a broken message is a 400 listing every failing path, and nothing reaches Push Kit', async (t) => {
  const token = await newDevice();
  const before = await pushKitRequests(app);
  const res = await send({
    pushType: PushType.ALERT,
    payload: { notification: { category: 'PLAY_VOICE', title: 'x', body: 'y', clickAction: { actionType: 7 }, style: 3, badge: { addNum: 100 } } },
    pushOptions: { ttl: 2_000_000, backgroundMode: 1 },
    target: { tokens: [token] }
  });
  t.equal(res.statusCode, 400);
  const body = res.json();
  t.equal(body.error, 'VALIDATION_FAILED');
  const paths = body.details.map((detail: { path: string }) => detail.path);
  for (const path of [
    'body.payload.notification.category',
    'body.payload.notification.clickAction.actionType',
    'body.payload.notification.inboxContent',
    'body.payload.notification.badge.addNum',
    'body.pushOptions.ttl',
    'body.pushOptions.backgroundMode'
  ]) {
    t.ok(paths.includes(path), `names ${path}`);
  }
  const oversized = await send({
    pushType: PushType.BACKGROUND,
    payload: { extraData: 'x'.repeat(5000) },
    target: { tokens: [token] }
  });
  t.equal(oversized.statusCode, 400, 'over 4096 bytes without the tokens');
  const noTarget = await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, target: {} });
  t.equal(noTarget.statusCode, 400);
  t.same(noTarget.json().details.map((detail: { path: string }) => detail.path), ['body.target']);
  const cardToTwo = await send({
    pushType: PushType.FORM_UPDATE,
    payload: HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.FORM_UPDATE)?.body.payload,
    target: { tokens: [token, await newDevice()] }
  });
  t.equal(cardToTwo.statusCode, 400, 'a card update goes to exactly one token');
  t.equal(await pushKitRequests(app), before, 'no request was made to Push Kit');
  t.equal((await inbox(token)).length, 0);
});

t.test('results keep input order; dead tokens are disabled', async (t) => {
  const good = await Promise.all(Array.from({ length: 997 }, () => newDevice('phone', false)));
  const forged = [tokenOf('forged-1'), tokenOf('forged-2'), tokenOf('forged-3')];
  for (const token of forged) {
    await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
  }
  const tokens = [forged[0], ...good.slice(0, 500), forged[1], ...good.slice(500), forged[2]];
  const res = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens } });
  t.equal(res.statusCode, 200, 'up to 1000 tokens are sent at once');
  const body = res.json();
  t.match(body, { requested: 1000, accepted: 997, failed: 3, batchesDone: 1, batchesTotal: 1 });
  const failedAt = body.results.flatMap((result: { status: string }, i: number) => (result.status === 'failed' ? [i] : []));
  t.same(failedAt, [0, 501, 999], 'failures stand where their tokens stood');
  t.same(body.results[0], { token: body.results[0].token, status: 'failed', reason: 'tokenFormatError' });
  t.match(body.batches, [{ code: '80100000', tokens: 1000 }]);

  const { rows } = await app.pg.query('SELECT status, disabled_reason FROM push_tokens WHERE token = ANY($1)', [forged]);
  t.same(rows, forged.map(() => ({ status: 'disabled', disabled_reason: 'tokenFormatError' })), 'dead tokens are disabled');

  const stored = await app.inject({ method: 'GET', url: `/sends/${body.sendId}`, headers: admin });
  t.equal(stored.statusCode, 200);
  t.same(stored.json(), body, 'the send and its outcome are stored');
});

t.test('2,500 tokens: a broadcast job of 3 requests of at most 1000 tokens', async (t) => {
  const good = await Promise.all(Array.from({ length: 2499 }, () => newDevice('phone', false)));
  const tokens = [...good.slice(0, 1500), tokenOf('forged-4'), ...good.slice(1500)];
  const before = await pushKitRequests(app);
  const res = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens } });
  t.equal(res.statusCode, 202);
  t.match(res.json(), { state: 'queued', sendId: String });
  const done = await waitForSend(res.json().sendId);
  t.match(done, { state: 'completed', requested: 2500, accepted: 2499, failed: 1, batchesDone: 3, batchesTotal: 3 });
  t.equal(await pushKitRequests(app) - before, 3, 'three requests');
  t.same(done.batches.map((batch: { tokens: number }) => batch.tokens), [1000, 1000, 500]);
  t.same(done.batches.map((batch: { code: string }) => batch.code), ['80000000', '80100000', '80000000']);
  const message = (await inbox(good[0]))[0];
  t.equal(message.payload.notification.appMessageId, done.sendId, 'alerts of a job carry the send id as appMessageId');
});

t.test('all tokens invalid: 80300007 is read per token', async (t) => {
  const tokens = [tokenOf('bad-1'), tokenOf('bad-2')];
  const res = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens } });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { accepted: 0, failed: 2, batches: [{ code: '80300007' }] });
  t.same(res.json().results.map((result: { reason: string }) => result.reason), ['tokenFormatError', 'tokenFormatError']);
});

t.test('targets resolve against active registered tokens, and device rules skip what cannot be shown', async (t) => {
  const user = `user-${Date.now()}`;
  const phone = await newDevice('phone');
  const tv = await newDevice('tv');
  const watch = await newDevice('wearable');
  const disabled = await newDevice('phone');
  await app.pg.query('UPDATE push_tokens SET user_id = $1 WHERE token = ANY($2)', [user, [phone, tv, watch, disabled]]);
  await app.pg.query(
    `UPDATE push_tokens SET status = 'disabled', disabled_reason = 'tokenFormatError', disabled_at = now() WHERE token = $1`,
    [disabled]
  );

  const voip = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.VOIP_CALL)?.body.payload;
  const res = await send({ pushType: PushType.VOIP_CALL, payload: voip, target: { userIds: [user] } });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, { requested: 3, accepted: 1, skipped: 2, failed: 0 }, 'the disabled token is not a target');
  t.same(body.results.map((result: { status: string }) => result.status), ['accepted', 'skipped', 'skipped']);
  t.match(body.results[1].reason, /VoIP calls cannot be shown on tv/);
  t.equal((await inbox(tv)).length, 0, 'nothing was sent to the TV');

  const badge = await send({
    pushType: PushType.ALERT,
    payload: { notification: { badge: { setNum: 3 } } },
    target: { userIds: [user], deviceTypes: ['tv', 'wearable'] }
  });
  t.match(badge.json(), { requested: 2, skipped: 2, accepted: 0 }, 'no badges on TV or wearable');

  const direct = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [disabled, phone] } });
  t.match(direct.json(), { requested: 2, accepted: 2 }, 'tokens given directly are sent as given');
});

t.test('Idempotency-Key: the same key returns the stored result and sends nothing', async (t) => {
  const token = await newDevice();
  const key = `key-${Date.now()}`;
  const first = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token] } }, { 'idempotency-key': key });
  t.equal(first.statusCode, 200);
  const again = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token] } }, { 'idempotency-key': key });
  t.equal(again.statusCode, 200);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json());
  t.equal((await inbox(token)).length, 1, 'the device got the message once');

  await app.pg.query(`UPDATE sends SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1`, [key]);
  const later = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token] } }, { 'idempotency-key': key });
  t.not(later.json().sendId, first.json().sendId, 'after 24 h the key sends again');
  t.equal((await inbox(token)).length, 2);
});

t.test('/send and /sends need the admin key; unknown sends are 404', async (t) => {
  const asApp = await app.inject({
    method: 'POST',
    url: '/send',
    headers: { 'x-app-key': APP_KEY },
    payload: { pushType: 6, payload: { extraData: 'x' }, target: { all: true } }
  });
  t.equal(asApp.statusCode, 403);
  const missing = await app.inject({ method: 'GET', url: '/sends/00000000-0000-4000-8000-000000000000', headers: admin });
  t.equal(missing.statusCode, 404);
  const malformed = await app.inject({ method: 'GET', url: '/sends/not-a-uuid', headers: admin });
  t.equal(malformed.statusCode, 400);
});
