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
    t.match(body, { pushType, state: 'completed', requested: 1, accepted: 1, failed: 0, skipped: 0, unknown: 0 });
    t.match(body.results, [{ status: 'accepted' }]);
    t.notOk(res.body.includes(token), 'the answer masks tokens');
    t.match(body.batches, [{ code: '80000000', requestId: /\S/, tokens: 1, attempts: 1 }]);
    const messages = await inbox(token);
    t.equal(messages.length, 1, `push-type ${pushType} reached the device`);
    const sent = structuredClone(messages[0].payload);
    const given = (example.body.payload as { notification?: { appMessageId?: string; notifyId?: number } }).notification;
    if (sent.notification?.appMessageId === body.sendId && given?.appMessageId === undefined) delete sent.notification.appMessageId;
    if (body.notifyId !== undefined && sent.notification?.notifyId === body.notifyId && given?.notifyId === undefined) delete sent.notification.notifyId;
    t.same(sent, example.body.payload, 'the payload arrives as sent (with the send id as appMessageId, and a notifyId)');
  }
});

t.test('a broken message is a 400 listing every failing path, and nothing reaches Push Kit', async (t) => {
  const token = await newDevice();
  const before = await pushKitRequests(app);
  const res = await send({
    pushType: PushType.ALERT,
    payload: { notification: { category: 'PLAY_VOICE', title: 'x', body: 'y', clickAction: { actionType: 7 }, style: 3, badge: { addNum: 100 } } },
    pushOptions: { ttl: 2_000_000 },
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
    'body.pushOptions.ttl'
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

t.test('alerts and voice broadcasts carry an appMessageId, and every request the send id as biTag', async (t) => {
  const token = await newDevice();
  const res = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token] } });
  t.equal(res.statusCode, 200);
  const [message] = await inbox(token);
  t.equal(message.payload.notification.appMessageId, res.json().sendId, 'the device can drop a repeated copy');
  t.equal(message.pushOptions?.biTag, res.json().sendId, 'a receipt finds its send');
  const own = await send({
    pushType: PushType.ALERT,
    payload: { notification: { ...alert.notification, appMessageId: 'mine' } },
    pushOptions: { biTag: 'campaign-7' },
    target: { tokens: [token] }
  });
  const [, second] = await inbox(token);
  t.equal(second.payload.notification.appMessageId, 'mine', "the caller's appMessageId stays");
  t.equal(second.pushOptions.biTag, 'campaign-7', "the caller's biTag stays");
  t.equal(own.statusCode, 200);
  const background = await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, target: { tokens: [token] } });
  const [, , third] = await inbox(token);
  t.equal(third.pushOptions.biTag, background.json().sendId);
  t.equal(third.payload.appMessageId, undefined, 'only push-types 0 and 2 have an appMessageId');
});

t.test('device support is an allow-list', async (t) => {
  const devices = Object.fromEntries(
    await Promise.all(['phone', 'tablet', '2in1', 'wearable', 'tv', 'car'].map(async (type) => [type, await newDevice(type)]))
  ) as Record<string, string>;
  const all = Object.values(devices);
  const statuses = (body: { results: { status: string }[] }) =>
    Object.fromEntries(Object.keys(devices).map((type, i) => [type, body.results[i].status]));

  const liveView = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.LIVE_VIEW)?.body.payload;
  const live = await send({ pushType: PushType.LIVE_VIEW, payload: liveView, target: { tokens: all } });
  t.same(statuses(live.json()), { phone: 'accepted', tablet: 'accepted', '2in1': 'skipped', wearable: 'skipped', tv: 'skipped', car: 'skipped' },
    'Live View: Phone and Tablet only (push-update-liveview)');

  const badge = await send({ pushType: PushType.ALERT, payload: { notification: { badge: { setNum: 2 } } }, target: { tokens: all } });
  t.same(statuses(badge.json()), { phone: 'accepted', tablet: 'accepted', '2in1': 'accepted', wearable: 'skipped', tv: 'skipped', car: 'skipped' },
    'badges: Phone, Tablet and PC/2in1 only (push-send-badge)');

  const voip = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.VOIP_CALL)?.body.payload;
  const call = await send({ pushType: PushType.VOIP_CALL, payload: voip, target: { tokens: all } });
  t.same(statuses(call.json()), { phone: 'accepted', tablet: 'accepted', '2in1': 'skipped', wearable: 'skipped', tv: 'skipped', car: 'skipped' },
    'VoIP calls: Phone and Tablet');
  t.match(call.json(), { requested: 6, accepted: 2, skipped: 4 });

  const image = await send({
    pushType: PushType.ALERT,
    payload: { notification: { ...alert.notification, image: 'https://example.com/a.png' } },
    target: { tokens: [devices.wearable] }
  });
  t.match(image.json(), { accepted: 1, skipped: 0 }, 'a field a wearable ignores does not skip the alert');

  const unknown = await newDevice('wearable', false);
  const given = await send({ pushType: PushType.LIVE_VIEW, payload: liveView, target: { tokens: [unknown] } });
  t.match(given.json(), { accepted: 1, skipped: 0 }, 'an unregistered token of unknown device type is sent as given');
});

t.test('fields that have no effect are dropped with a warning, not refused', async (t) => {
  const token = await newDevice();
  const res = await send({
    pushType: PushType.ALERT,
    payload: {
      notification: { ...alert.notification, category: 'WORK', soundDuration: 10, overlayIcon: 'https://example.com/o.png' }
    },
    pushOptions: { backgroundMode: 1, collapseKey: 3 },
    target: { tokens: [token] }
  });
  t.equal(res.statusCode, 200, res.body);
  t.same(
    res.json().warnings.map((warning: { path: string }) => warning.path).sort(),
    ['payload.notification.category', 'payload.notification.overlayIcon', 'payload.notification.soundDuration', 'pushOptions.backgroundMode'],
    'the dropped fields, and that Huawei shows the alert as MARKETING (no PUSHKIT_SELF_CLASSIFICATION here)'
  );
  t.ok(res.json().warnings.every((warning: { message: string }) => warning.message.length > 0));
  const [message] = await inbox(token);
  t.equal(message.payload.notification.soundDuration, undefined);
  t.equal(message.payload.notification.overlayIcon, undefined);
  t.equal(message.pushOptions.backgroundMode, undefined);
  t.equal(message.pushOptions.collapseKey, 3, 'collapseKey works for push-type 0');

  const background = await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, pushOptions: { collapseKey: 3 }, target: { tokens: [token] } });
  t.equal(background.statusCode, 200);
  t.same(background.json().warnings.map((warning: { path: string }) => warning.path), ['pushOptions.collapseKey']);
  const stored = await app.inject({ method: 'GET', url: `/sends/${background.json().sendId}`, headers: admin });
  t.same(stored.json().warnings, background.json().warnings, 'warnings are kept with the send');
});

t.test('noRight beside accepted tokens is a stale token: it is disabled', async (t) => {
  const good = await newDevice();
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone', staleAfterUpgrade: true } });
  const stale = res.json().token as string;
  await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token: stale, deviceType: 'phone' } });
  const mixed = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [good, stale] } });
  t.match(mixed.json(), { accepted: 1, failed: 1, batches: [{ code: '80100000' }], configurationErrors: [] });
  const { rows } = await app.pg.query('SELECT status, disabled_reason FROM push_tokens WHERE token = $1', [stale]);
  t.same(rows, [{ status: 'disabled', disabled_reason: 'noRight' }]);

  const other = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone', staleAfterUpgrade: true } });
  const alone = other.json().token as string;
  await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token: alone, deviceType: 'phone' } });
  const only = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [alone] } });
  t.match(only.json(), { accepted: 0, failed: 1, configurationErrors: [{ reason: 'noRight', tokens: 1 }] });
  const kept = await app.pg.query('SELECT status FROM push_tokens WHERE token = $1', [alone]);
  t.same(kept.rows, [{ status: 'active' }], 'with nothing accepted, noRight is a configuration fault');
});

t.test('a send whose dispatch throws is marked failed, and its key replays the failure', async (t) => {
  const token = await newDevice();
  const dead = tokenOf('dead-during-failure');
  await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token: dead, deviceType: 'phone' } });
  const disable = app.tokens.disable;
  app.tokens.disable = async () => {
    throw new Error('the registry is unavailable');
  };
  t.teardown(() => {
    app.tokens.disable = disable;
  });
  const key = `failing-${Date.now()}`;
  const first = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token, dead] } }, { 'idempotency-key': key });
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json(), { state: 'failed', failureReason: /registry is unavailable/, accepted: 1, failed: 1 });
  const before = await pushKitRequests(app);
  const replay = await send({ pushType: PushType.ALERT, payload: alert, target: { tokens: [token, dead] } }, { 'idempotency-key': key });
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.match(replay.json(), { sendId: first.json().sendId, state: 'failed' });
  t.equal(await pushKitRequests(app), before, 'nothing was sent again');
  t.equal((await inbox(token)).length, 1);
});
