import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { finished, seedDevices, waitFor } from '../helpers/broadcast';
import { AppError } from '../../src/errors';
import type { PushKitSender } from '../../src/pushkit/sender';
import { RevokeService } from '../../src/sending/revoke-service';

// Two attempts: the fault test below gives up quickly.
const { app, emulator, pushKit } = await startTestService(t, { PUSHKIT_MAX_ATTEMPTS: '2' });
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function device(): Promise<string> {
  const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } });
  return res.json().token as string;
}

const inbox = async (token: string) =>
  (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json().messages as {
    payload: { notification?: { notifyId?: number } };
  }[];

const send = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/send', headers: admin, payload: body });
const revoke = (sendId: string) => app.inject({ method: 'POST', url: `/sends/${sendId}/revoke`, headers: admin });

const notification = { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } };

t.test('revoking an alert removes it from every device it reached', async (t) => {
  const tokens = [await device(), await device(), await device()];
  const first = (await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens } })).json();
  const second = (await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens } })).json();
  for (const token of tokens) t.equal((await inbox(token)).length, 2);

  const res = await revoke(first.sendId);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { sendId: first.sendId, notifyId: first.notifyId, revoked: 3, failed: 0 });
  t.match(res.json().batches, [{ code: '80000000', tokens: 3, requestId: /\d/ }]);
  t.notOk(tokens.some((token) => res.body.includes(token)), 'no token in the answer');
  for (const token of tokens) {
    t.same((await inbox(token)).map((message) => message.payload.notification?.notifyId), [second.notifyId], 'only the other alert is left');
  }
  t.equal((await revoke(first.sendId)).statusCode, 200, 'revoking twice is harmless');
});

t.test('a voice broadcast is revoked with push-type 2', async (t) => {
  const token = await device();
  const voice = (
    await send({
      pushType: PushType.EXTENSION,
      payload: { notification: { ...notification, category: 'PLAY_VOICE' }, extraData: 'x' },
      target: { tokens: [token] }
    })
  ).json();
  const res = await revoke(voice.sendId);
  t.equal(res.statusCode, 200);
  t.equal(res.json().revoked, 1);
  t.same(await inbox(token), []);
});

t.test('a broadcast is revoked batch by batch, its registry ranges resolved', async (t) => {
  const tokens = await seedDevices(app, pushKit.account, 1001);
  const res = await send({ pushType: PushType.ALERT, payload: { notification }, target: { all: true } });
  t.equal(res.statusCode, 202, res.body);
  const done = await waitFor(app, res.json().sendId, finished);
  t.match(done, { state: 'completed', accepted: 1001, batchesTotal: 2 });
  t.equal((await inbox(tokens[1000])).length, 1);

  const revoked = await revoke(done.sendId);
  t.equal(revoked.statusCode, 200, revoked.body);
  t.match(revoked.json(), { notifyId: done.notifyId, revoked: 1001, failed: 0 });
  t.same(revoked.json().batches.map((batch: { tokens: number }) => batch.tokens), [1000, 1]);
  for (const token of [tokens[0], tokens[999], tokens[1000]]) t.same(await inbox(token), [], 'gone from the device');
  await app.pg.query('DELETE FROM push_tokens WHERE token = ANY($1)', [tokens]);
});

t.test('sends that cannot be revoked are a 409 that names why; an unknown send a 404', async (t) => {
  const token = await device();
  const background = (await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, target: { tokens: [token] } })).json();
  const pushKits = (await send({ pushType: PushType.ALERT, payload: { notification: { ...notification, notifyId: -1 } }, target: { tokens: [token] } })).json();
  const running = (await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } })).json();
  await app.pg.query(`UPDATE sends SET state = 'sending', completed_at = NULL WHERE id = $1`, [running.sendId]);
  for (const [sendId, why] of [
    [background.sendId, /push-type/],
    [pushKits.sendId, /notifyId/],
    [running.sendId, /sending/]
  ] as const) {
    const res = await revoke(sendId);
    t.equal(res.statusCode, 409);
    t.match(res.json(), { error: 'NOT_REVOCABLE', message: why });
  }
  t.equal((await inbox(token)).length, 3, 'nothing was revoked');
  t.equal((await revoke('00000000-0000-4000-8000-000000000001')).statusCode, 404);
  t.equal((await revoke('not-a-uuid')).statusCode, 400);
  t.equal((await app.inject({ method: 'POST', url: `/sends/${background.sendId}/revoke` })).statusCode, 401);
});

t.test("Push Kit's failures are reported per batch, after the retries the sender makes", async (t) => {
  const token = await device();
  const sent = (await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } })).json();
  await emulator.inject({ method: 'POST', url: '/emulator/faults', payload: { errorRate: 1, errorStatuses: [502] } });
  t.teardown(() => emulator.inject({ method: 'POST', url: '/emulator/faults', payload: {} }));
  const res = await revoke(sent.sendId);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { revoked: 0, failed: 1, batches: [{ code: 'HTTP_502', tokens: 1 }] });
  await emulator.inject({ method: 'POST', url: '/emulator/faults', payload: {} });
  t.equal((await inbox(token)).length, 1, 'still on the device');
  t.match((await revoke(sent.sendId)).json(), { revoked: 1, failed: 0 }, 'and revoked once Push Kit answers');
  t.equal((await inbox(token)).length, 0);
});

t.test('without a Client ID revoke is not configured (501), and nothing is sent', async (t) => {
  const token = await device();
  const sent = (await send({ pushType: PushType.ALERT, payload: { notification }, target: { tokens: [token] } })).json();
  const withoutClientId = { canRevoke: false } as PushKitSender;
  const error = await new RevokeService(app.sendRepository, app.tokens, withoutClientId).revoke(sent.sendId).catch((caught: unknown) => caught);
  t.ok(error instanceof AppError);
  t.match(error, { statusCode: 501, code: 'NOT_CONFIGURED', message: /PUSHKIT_CLIENT_ID/ });
  t.equal((await inbox(token)).length, 1);
});
