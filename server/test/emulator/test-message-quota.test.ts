import t from 'tap';
import { DeliveryResult, PushType } from '@harmony-push/shared';
import { testMessageDay } from '../../src/pushkit/spec-choices';
import { startTestEmulator } from '../helpers/emulator';
import { example } from '../helpers/huawei-examples';
import { collectReceipts } from '../helpers/receipt-collector';

const DAY_MS = 86_400_000;

t.test('past the day’s test-message quota, accepted test messages are throttled with receipt 256 until the next day (UTC+8)', async (t) => {
  const receipts = collectReceipts();
  const emulator = await startTestEmulator(t, { receipts: { post: receipts.post, delayMs: 0 }, testMessagesPerDay: 2 });
  const phones = [await emulator.device(), await emulator.device()];
  const alert = example('应用在前台时接收通知消息').body;
  const sendTest = async (token: string[] = phones) => {
    const answer = await emulator.send(PushType.ALERT, { ...alert, target: { token } });
    await emulator.app.pushKitEmulator.receipts!.settled();
    return { answer, results: receipts.statuses().filter((s) => s.requestId === answer.body.requestId).map((s) => s.deliveryStatus!.result) };
  };
  // The clock starts an hour before midnight in UTC+8 (spec-choices: testMessageDay), so the next day is an hour away.
  const nextMidnight = Math.floor((emulator.clock.ms + 8 * 3_600_000) / DAY_MS) * DAY_MS + DAY_MS - 8 * 3_600_000;
  emulator.clock.ms = nextMidnight - 3_600_000;
  t.not(testMessageDay(emulator.clock.ms), testMessageDay(nextMidnight));

  t.same((await sendTest()).results, [0, 0], 'first test request');
  t.equal((await sendTest(['not-a-token'])).answer.body.code, '80300007', 'a refused request does not count');
  const normal = await emulator.send(PushType.ALERT, { ...alert, pushOptions: {}, target: { token: phones } });
  t.equal(normal.body.code, '80000000', 'messages that are not test messages do not count');
  t.same((await sendTest()).results, [0, 0], 'second test request');
  const over = await sendTest();
  t.equal(over.answer.body.code, '80000000', 'Push Kit still accepts it');
  t.same(over.results, [DeliveryResult.FREQUENCY_LIMIT, DeliveryResult.FREQUENCY_LIMIT], 'third: throttled');
  t.equal((await emulator.messages(phones[0]!)).length, 3, 'a throttled message never reaches the device');
  const other = await emulator.send(PushType.BACKGROUND, { payload: { extraData: 'x' }, target: { token: phones } });
  await emulator.app.pushKitEmulator.receipts!.settled();
  t.same(receipts.statuses().filter((s) => s.requestId === other.body.requestId).map((s) => s.deliveryStatus!.result), [0, 0], 'other messages are not throttled');

  emulator.clock.ms += 3_600_000 + 1;
  t.same((await sendTest()).results, [0, 0], 'a new day, a new quota');
});

t.test('the quota defaults to Huawei’s 1000 test requests a day', async (t) => {
  const emulator = await startTestEmulator(t);
  t.equal(emulator.app.pushKitEmulator.testMessages.limit, 1000);
});
