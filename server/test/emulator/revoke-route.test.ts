import t from 'tap';
import { PushKitCode, PushType, RevokeCode, type IllegalTokensMsg, type PushKitResponse } from '@harmony-push/shared';
import { DEV_CLIENT_ID } from '../../src/emulator/app';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const notification = (notifyId?: number) => ({
  category: 'IM',
  title: 'Hello',
  body: 'x',
  clickAction: { actionType: 0 },
  ...(notifyId === undefined ? {} : { notifyId })
});

async function revoke(
  emulator: TestEmulator,
  pushType: PushType | string | undefined,
  body: unknown,
  options: { clientId?: string; authorization?: string | null } = {}
): Promise<{ status: number; body: PushKitResponse }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (pushType !== undefined) headers['push-type'] = String(pushType);
  const authorization = options.authorization === undefined ? `Bearer ${await emulator.jwt.token()}` : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const res = await emulator.app.inject({
    method: 'POST',
    url: `/v1/${options.clientId ?? DEV_CLIENT_ID}/messages:revoke`,
    headers,
    payload: JSON.stringify(body)
  });
  return { status: res.statusCode, body: res.json() as PushKitResponse };
}

t.test('revoke removes the notification with that notifyId from the devices, and nothing else', async (t) => {
  const emulator = await startTestEmulator(t);
  const [a, b] = [await emulator.device(), await emulator.device()];
  await emulator.send(PushType.ALERT, { payload: { notification: notification(7) }, target: { token: [a, b] } });
  await emulator.send(PushType.ALERT, { payload: { notification: notification(8) }, target: { token: [a, b] } });
  await emulator.send(PushType.ALERT, { payload: { notification: notification() }, target: { token: [a] } });
  await emulator.send(PushType.BACKGROUND, { payload: { extraData: 'x' }, target: { token: [a] } });

  const answer = await revoke(emulator, PushType.ALERT, { notifyId: 7, token: [a, b] });
  t.same({ status: answer.status, code: answer.body.code, msg: answer.body.msg }, { status: 200, code: '80000000', msg: 'Success' });
  t.match(answer.body.requestId, /^\d{19}$/);
  const ids = async (token: string) =>
    (await emulator.messages(token)).map((message) => (message.payload as { notification?: { notifyId?: number } }).notification?.notifyId ?? message.pushType);
  t.same(await ids(a), [8, PushType.ALERT, PushType.BACKGROUND], 'notifyId 7 is gone, the rest stays');
  t.same(await ids(b), [8]);

  const again = await revoke(emulator, PushType.ALERT, { notifyId: 7, token: [a] });
  t.equal(again.body.code, '80000000', 'revoking what is gone already succeeds');
  const voice = await revoke(emulator, PushType.EXTENSION, { notifyId: 8, token: [a] });
  t.equal(voice.body.code, '80000000');
  t.same(await ids(a), [8, PushType.ALERT, PushType.BACKGROUND], 'push-type 2 revokes voice broadcasts only');
});

t.test('tokens of no device are listed as in a send answer', async (t) => {
  const emulator = await startTestEmulator(t);
  const a = await emulator.device();
  await emulator.send(PushType.ALERT, { payload: { notification: notification(5) }, target: { token: [a] } });
  const partial = await revoke(emulator, PushType.ALERT, { notifyId: 5, token: [a, 'not-a-token'] });
  t.equal(partial.status, 200);
  t.equal(partial.body.code, RevokeCode.PARTIAL_SUCCESS);
  t.same(JSON.parse(partial.body.msg) as IllegalTokensMsg, { illegalTokens: { tokenFormatError: ['not-a-token'] }, success: 1, failure: 1 });
  t.same(await emulator.messages(a), []);
  const none = await revoke(emulator, PushType.ALERT, { notifyId: 5, token: ['not-a-token'] });
  t.equal(none.body.code, PushKitCode.ALL_TOKENS_INVALID);
});

t.test("revoke's refusals", async (t) => {
  const emulator = await startTestEmulator(t);
  const a = await emulator.device();
  const code = async (...args: Parameters<typeof revoke> extends [unknown, ...infer R] ? R : never) => {
    const answer = await revoke(emulator, ...args);
    return `${answer.status} ${answer.body.code}`;
  };
  t.equal(await code(PushType.ALERT, { notifyId: 1, token: [a] }, { authorization: null }), '401 80200001', 'no JWT');
  t.equal(await code(PushType.ALERT, { notifyId: 1, token: [a] }, { authorization: 'Bearer nope' }), '401 80200001');
  t.equal(await code(PushType.ALERT, { notifyId: 1, token: [a] }, { clientId: '999' }), '400 80300002', 'another client id');
  t.equal(await code(PushType.BACKGROUND, { notifyId: 1, token: [a] }), '400 80100003', 'push-type 6');
  t.equal(await code(undefined, { notifyId: 1, token: [a] }), '400 80100003', 'no push-type');
  t.equal(await code(PushType.ALERT, { token: [a] }), '400 80100003', 'no notifyId');
  t.equal(await code(PushType.ALERT, { notifyId: -1, token: [a] }), '400 80100003', 'notifyId below 0');
  t.equal(await code(PushType.ALERT, { notifyId: 2147483648, token: [a] }), '400 80100003', 'notifyId above 2^31 - 1');
  t.equal(await code(PushType.ALERT, { notifyId: 1, token: [] }), '400 80300010', 'no token');
  t.equal(await code(PushType.ALERT, { notifyId: 1, token: Array.from({ length: 1001 }, () => a) }), '400 80300010', '1001 tokens');
  const tips = await revoke(emulator, '9', { notifyId: 1, token: [a] });
  t.equal(tips.body.msg, 'Illegal payload, The header does not contain valid push-type');
});

t.test('revoke meets the same gateway faults as sends', async (t) => {
  const emulator = await startTestEmulator(t, { faults: { errorRate: 1, errorStatuses: [503] } });
  const res = await emulator.app.inject({
    method: 'POST',
    url: `/v1/${DEV_CLIENT_ID}/messages:revoke`,
    headers: { 'push-type': '0', authorization: `Bearer ${await emulator.jwt.token()}`, 'content-type': 'application/json' },
    payload: { notifyId: 1, token: [await emulator.device()] }
  });
  t.equal(res.statusCode, 503);
});
