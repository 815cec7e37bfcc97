import t, { type Test } from 'tap';
import { DeliveryResult, DeviceType, EmulatorDeviceState, PushType, type ReceiptStatus } from '@harmony-push/shared';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { example } from '../helpers/huawei-examples';
import { DEFAULT_SETTINGS, DeviceStates } from '../../src/emulator/device-states';
import { collectReceipts, type ReceiptCollector } from '../helpers/receipt-collector';

/** A message of every push-type, from Huawei's examples. */
const MESSAGES: { pushType: PushType; example: string }[] = [
  { pushType: PushType.ALERT, example: '点击消息进入应用内页' },
  { pushType: PushType.FORM_UPDATE, example: '卡片刷新消息' },
  { pushType: PushType.EXTENSION, example: '语音播报消息' },
  { pushType: PushType.BACKGROUND, example: '后台消息' },
  { pushType: PushType.LIVE_VIEW, example: '创建实况窗消息 FLIGHT' },
  { pushType: PushType.VOIP_CALL, example: '应用内通话消息' }
];

async function setUp(t: Test): Promise<{ emulator: TestEmulator; receipts: ReceiptCollector }> {
  const receipts = collectReceipts();
  const emulator = await startTestEmulator(t, { receipts: { post: receipts.post, delayMs: 0, appPackageName: 'com.example.states' } });
  return { emulator, receipts };
}

const patch = (emulator: TestEmulator, token: string, payload: unknown) =>
  emulator.app.inject({ method: 'PATCH', url: `/emulator/devices/${encodeURIComponent(token)}`, payload: payload as object });

/** Sends one message of `pushType` to `token` and returns the receipt the emulator posts for it. */
async function receiptFor(emulator: TestEmulator, receipts: ReceiptCollector, pushType: PushType, token: string): Promise<ReceiptStatus> {
  const message = MESSAGES.find((candidate) => candidate.pushType === pushType)!;
  const body = example(message.example).body;
  const answer = await emulator.send(pushType, { ...body, pushOptions: { biTag: 'campaign-7' }, target: { token: [token] } });
  if (answer.body.code !== '80000000') throw new Error(`not accepted: ${JSON.stringify(answer.body)}`);
  await emulator.app.pushKitEmulator.receipts!.settled();
  const status = receipts.statuses().find((candidate) => candidate.requestId === answer.body.requestId);
  if (!status) throw new Error('no receipt');
  return status;
}

const resultOf = (status: ReceiptStatus) => (status.formStatus ?? status.deliveryStatus)!.result;

t.test('each device state gives the documented receipt result for each push-type', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const expected: Record<EmulatorDeviceState, (pushType: PushType) => number> = {
    [EmulatorDeviceState.ACTIVE]: () => DeliveryResult.DELIVERED,
    [EmulatorDeviceState.UNINSTALLED]: () => DeliveryResult.UNINSTALLED,
    [EmulatorDeviceState.NOTIFICATIONS_OFF]: (pushType) =>
      pushType === PushType.ALERT ? DeliveryResult.NOTIFICATIONS_OFF : DeliveryResult.DELIVERED,
    [EmulatorDeviceState.INACTIVE]: () => DeliveryResult.INACTIVE_DEVICE
  };
  for (const state of Object.values(EmulatorDeviceState)) {
    const token = await emulator.device();
    const changed = await patch(emulator, token, { state });
    t.equal(changed.statusCode, 200, state);
    t.match(changed.json(), { deviceType: DeviceType.PHONE, state, appRunning: true });
    t.not(changed.json().token, token, 'the answer masks the token');
    for (const { pushType } of MESSAGES) {
      t.equal(resultOf(await receiptFor(emulator, receipts, pushType, token)), expected[state](pushType), `${state}, push-type ${pushType}`);
    }
  }
});

t.test('a receipt carries the token, push-type, package, requestId and biTag; a card update gets formStatus', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const token = await emulator.device();
  const alert = await receiptFor(emulator, receipts, PushType.ALERT, token);
  t.same(Object.keys(alert).sort(), ['appPackageName', 'biTag', 'deliveryStatus', 'pushType', 'requestId', 'token']);
  t.match(alert, { token, pushType: 0, appPackageName: 'com.example.states', biTag: 'campaign-7' });
  t.same(alert.deliveryStatus, { result: 0, timestamp: emulator.clock.ms });
  const card = await receiptFor(emulator, receipts, PushType.FORM_UPDATE, token);
  t.equal(card.deliveryStatus, undefined);
  t.same(card.formStatus, { formId: example('卡片刷新消息').body.payload.formId, result: 0, timestamp: emulator.clock.ms });

  const plain = await emulator.send(PushType.BACKGROUND, { payload: { extraData: 'x' }, target: { token: [token] } });
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.equal(receipts.statuses().find((status) => status.requestId === plain.body.requestId)?.biTag, '', 'no biTag sent: empty');
});

t.test('a background message to an app that is not running: receipt 27; other push-types are delivered', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const token = await emulator.device();
  const changed = await patch(emulator, token, { appRunning: false });
  t.match(changed.json(), { state: EmulatorDeviceState.ACTIVE, appRunning: false });
  t.equal(resultOf(await receiptFor(emulator, receipts, PushType.BACKGROUND, token)), 27);
  t.equal(resultOf(await receiptFor(emulator, receipts, PushType.ALERT, token)), 0);
  await patch(emulator, token, { appRunning: true });
  t.equal(resultOf(await receiptFor(emulator, receipts, PushType.BACKGROUND, token)), 0);
});

t.test('refused tokens get no receipt; accepted ones of the same request do', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const token = await emulator.device();
  const answer = await emulator.send(PushType.BACKGROUND, { payload: { extraData: 'x' }, target: { token: [token, 'not-a-token'] } });
  t.equal(answer.body.code, '80100000');
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.same(receipts.statuses().map((status) => status.token), [token]);
});

t.test('messages reach the inbox only when they reach the device', async (t) => {
  const { emulator } = await setUp(t);
  const gone = await emulator.device();
  const muted = await emulator.device();
  await patch(emulator, gone, { state: EmulatorDeviceState.UNINSTALLED });
  await patch(emulator, muted, { state: EmulatorDeviceState.NOTIFICATIONS_OFF });
  const alert = example('点击消息进入应用内页').body;
  await emulator.send(PushType.ALERT, { ...alert, target: { token: [gone, muted] } });
  t.same(await emulator.messages(gone), []);
  t.match(await emulator.messages(muted), [{ pushType: PushType.ALERT, shown: false, notShownReason: 'notifications are off' }]);
});

t.test('reinstall: a new token that works, and the old one answers token mismatch (5)', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const old = await emulator.device(DeviceType.TABLET);
  await patch(emulator, old, { state: EmulatorDeviceState.NOTIFICATIONS_OFF });
  const res = await emulator.app.inject({ method: 'POST', url: `/emulator/devices/${old}/reinstall` });
  t.equal(res.statusCode, 201);
  const reinstalled = res.json();
  t.match(reinstalled, { deviceType: DeviceType.TABLET, state: EmulatorDeviceState.ACTIVE, appRunning: true });
  t.not(reinstalled.token, old);
  t.equal(resultOf(await receiptFor(emulator, receipts, PushType.ALERT, reinstalled.token)), 0, 'a fresh install: notifications on');
  for (const { pushType } of MESSAGES) {
    t.equal(resultOf(await receiptFor(emulator, receipts, pushType, old)), DeliveryResult.TOKEN_MISMATCH, `old token, push-type ${pushType}`);
  }
  t.same(await emulator.messages(old), [], 'the old token receives nothing');

  const again = await emulator.app.inject({ method: 'POST', url: `/emulator/devices/${old}/reinstall` });
  t.equal(again.statusCode, 404, 'a replaced token is no device any more');
  t.equal((await patch(emulator, old, { state: EmulatorDeviceState.ACTIVE })).statusCode, 404);
});

t.test('bad input: unknown tokens 404, bad states 400 naming the field, nothing changed', async (t) => {
  const { emulator, receipts } = await setUp(t);
  const token = await emulator.device();
  const unknown = await patch(emulator, 'MAAALgE4G98BAAAAst', { state: EmulatorDeviceState.UNINSTALLED });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().error, 'NOT_FOUND');
  t.equal((await emulator.app.inject({ method: 'POST', url: '/emulator/devices/MAAALgE4G98BAAAAst/reinstall' })).statusCode, 404);
  for (const body of [{ state: 'asleep' }, { appRunning: 'no' }, {}, { state: EmulatorDeviceState.UNINSTALLED, extra: 1 }]) {
    const bad = await patch(emulator, token, body);
    t.equal(bad.statusCode, 400, JSON.stringify(body));
    t.equal(bad.json().error, 'VALIDATION_FAILED');
  }
  t.match((await patch(emulator, token, { state: 'asleep' })).json(), { details: [{ path: 'body.state' }] });
  t.equal(resultOf(await receiptFor(emulator, receipts, PushType.ALERT, token)), 0, 'still active');
});

t.test('device settings stay bounded: past the limit, the least recently changed device is forgotten', async (t) => {
  const states = new DeviceStates(2);
  states.update('a', { state: EmulatorDeviceState.UNINSTALLED });
  states.update('b', { appRunning: false });
  states.replace('c');
  t.equal(states.size, 2);
  t.same(states.of('a'), DEFAULT_SETTINGS, 'the oldest became a default device again');
  t.same(states.of('b'), { state: EmulatorDeviceState.ACTIVE, appRunning: false });
  t.equal(states.of('c'), 'replaced');
  states.update('b', { appRunning: true });
  t.equal(states.size, 1, 'a device set back to the default costs nothing');
});
