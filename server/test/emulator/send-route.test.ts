import { Writable } from 'node:stream';
import t from 'tap';
import { DeviceType, PushKitCode, PushType, type IllegalTokensMsg } from '@harmony-push/shared';
import { HUAWEI_EXAMPLES, example, type HuaweiExample } from '../helpers/huawei-examples';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const parseMsg = (msg: string): IllegalTokensMsg => JSON.parse(msg) as IllegalTokensMsg;
const background = (tokens: string[]) => ({ payload: { extraData: 'sync' }, target: { token: tokens } });

t.test("every request example of Huawei's documentation is accepted and reaches the device", async (t) => {
  const emulator = await startTestEmulator(t);
  for (const item of HUAWEI_EXAMPLES) {
    const token = await emulator.device();
    const answer = await emulator.send(item.pushType, { ...item.body, target: { token: [token] } });
    t.same({ status: answer.status, code: answer.body.code, msg: answer.body.msg }, { status: 200, code: '80000000', msg: 'Success' }, item.name);
    t.match(answer.body.requestId, /^\d{19}$/);
    const [delivered] = await emulator.messages(token);
    t.same(
      { requestId: delivered.requestId, pushType: delivered.pushType, payload: delivered.payload, shown: delivered.shown },
      { requestId: answer.body.requestId, pushType: item.pushType, payload: item.body.payload, shown: true }
    );
  }
});

/** Sends a Huawei example, broken by `breakIt`, to a virtual device; returns status, code and msg. */
async function refused(emulator: TestEmulator, name: string, breakIt: (body: HuaweiExample['body']) => void) {
  const item = example(name);
  item.body.target.token = [await emulator.device()];
  breakIt(item.body);
  const answer = await emulator.send(item.pushType, item.body);
  return { status: answer.status, code: answer.body.code, msg: answer.body.msg };
}

t.test('a broken payload is 80100003 "Illegal payload, <tips>"', async (t) => {
  const emulator = await startTestEmulator(t);
  t.same(
    await refused(emulator, '通知角标', (body) => ((body.payload.notification as { badge: unknown }).badge = { addNum: 100 })),
    { status: 400, code: '80100003', msg: 'Illegal payload, payload.notification.badge.addNum must be from 1 to 99' }
  );
  t.same(
    await refused(emulator, '多行文本样式', (body) => {
      delete (body.payload.notification as { inboxContent?: unknown }).inboxContent;
      body.pushOptions = { collapseKey: 101 };
    }),
    {
      status: 400,
      code: '80100003',
      msg: 'Illegal payload, payload.notification.inboxContent is required with style 3; pushOptions.collapseKey must be from -1 to 100'
    }
  );
  t.same(await refused(emulator, '卡片刷新消息', (body) => (body.payload.formData = { a: null })), {
    status: 400,
    code: '80100003',
    msg: 'Illegal payload, payload.formData.a must not be null'
  });
  t.same(await refused(emulator, '创建实况窗消息 FLIGHT', (body) => delete body.payload.status), {
    status: 400,
    code: '80100003',
    msg: 'Illegal payload, payload.status is required (non-empty) on create'
  });
  t.same(await refused(emulator, '后台消息', (body) => (body.payload.proxyData = 'on')), {
    status: 400,
    code: '80100003',
    msg: 'Illegal payload, payload.proxyData must be "ENABLE" or absent'
  });
});

t.test('ttl, size and token counts get their own codes', async (t) => {
  const emulator = await startTestEmulator(t);
  t.same(await refused(emulator, '应用内通话消息', (body) => (body.pushOptions = { ttl: 0 })), {
    status: 400,
    code: '80100004',
    msg: 'Illegal expire time.'
  });
  t.same(await refused(emulator, '应用内通话消息', (body) => (body.payload.extraData = 'x'.repeat(4096))), {
    status: 400,
    code: '80300008',
    msg: 'Push message size is too long.'
  });
  t.same(await refused(emulator, '卡片刷新消息', (body) => body.target.token.push('second')), {
    status: 400,
    code: '80300010',
    msg: 'token count should within 1 and 1.'
  });
  t.same(await refused(emulator, '后台消息', (body) => (body.target.token = [])), {
    status: 400,
    code: '80300010',
    msg: 'token count should within 1 and 1000.'
  });
  t.same(
    await refused(emulator, '后台消息', (body) => (body.target.token = Array.from({ length: 1001 }, (_, i) => `t${i}`))),
    { status: 400, code: '80300010', msg: 'token count should within 1 and 1000.' }
  );
  t.same(
    await refused(emulator, '应用在前台时接收通知消息', (body) => (body.target.token = Array.from({ length: 11 }, (_, i) => `t${i}`))),
    { status: 400, code: '80300030', msg: 'When send test message, token count exceed limit.' }
  );
  t.same(
    await refused(emulator, '应用内通话消息', (body) => {
      body.payload.extraData = 'x'.repeat(4096);
      body.target.token = [];
      body.pushOptions = { ttl: 0 };
    }),
    { status: 400, code: '80300008', msg: 'Push message size is too long.' },
    'size is checked first'
  );
});

t.test('every JSON answer carries a requestId', async (t) => {
  const emulator = await startTestEmulator(t);
  const token = await emulator.device();
  const answers = [
    await emulator.send(PushType.BACKGROUND, background([token])),
    await emulator.send(PushType.BACKGROUND, background([token, 'bad'])),
    await emulator.send(PushType.BACKGROUND, background(['bad'])),
    await emulator.send(PushType.BACKGROUND, background([])),
    await emulator.send(PushType.BACKGROUND, { payload: {}, target: { token: [token] } }),
    await emulator.send(undefined, background([token])),
    await emulator.send(PushType.BACKGROUND, background([token]), { authorization: null })
  ];
  t.same(answers.map((answer) => answer.body.code), ['80000000', '80100000', '80300007', '80300010', '80100003', '80100003', '80200001']);
  for (const answer of answers) t.match(answer.body.requestId, /^\d{19}$/);
  t.equal(new Set(answers.map((answer) => answer.body.requestId)).size, answers.length, 'each one its own');
});

t.test('the push-type header: missing or invalid is 80100003', async (t) => {
  const emulator = await startTestEmulator(t);
  const token = await emulator.device();
  const expected = { status: 400, code: '80100003', msg: 'Illegal payload, The header does not contain valid push-type' };
  for (const pushType of [undefined, '3', 'zero', '', '0,1']) {
    const answer = await emulator.send(pushType, background([token]));
    t.same({ status: answer.status, code: answer.body.code, msg: answer.body.msg }, expected, `push-type ${pushType}`);
  }
  t.equal((await emulator.send(' 6', background([token]))).body.code, '80000000', 'surrounding spaces are fine');
});

t.test('a body that is not JSON is 80100003', async (t) => {
  const emulator = await startTestEmulator(t);
  const answer = await emulator.send(PushType.BACKGROUND, undefined, { payload: '{"payload":' });
  t.same({ status: answer.status, code: answer.body.code }, { status: 400, code: '80100003' });
  const array = await emulator.send(PushType.BACKGROUND, [1]);
  t.same({ status: array.status, code: array.body.code }, { status: 400, code: '80100003' });
});

t.test('tokens the emulator did not issue: partial success 80100000, all invalid 80300007', async (t) => {
  const emulator = await startTestEmulator(t);
  const good = [await emulator.device(), await emulator.device()];
  const partial = await emulator.send(PushType.BACKGROUND, background([good[0], 'MAAALgE4G98BAAAAst*******jg', good[1], 'x']));
  t.same({ status: partial.status, code: partial.body.code }, { status: 200, code: PushKitCode.PARTIAL_SUCCESS });
  t.same(parseMsg(partial.body.msg), {
    illegalTokens: { tokenFormatError: ['MAAALgE4G98BAAAAst*******jg', 'x'] },
    success: 2,
    failure: 2
  });
  t.match(partial.body.msg, /^\{"illegalTokens":/, 'keys in the order of Huawei\'s example');
  t.equal((await emulator.messages(good[1])).length, 1, 'the good tokens got the message');

  const allInvalid = await emulator.send(PushType.BACKGROUND, background(['a', 'b']));
  t.same({ status: allInvalid.status, code: allInvalid.body.code }, { status: 400, code: PushKitCode.ALL_TOKENS_INVALID });
  t.equal(allInvalid.body.msg, '{"failure":2,"illegalTokens":{"tokenFormatError":["a","b"]}}');
});

t.test('a token forged from another emulator is tokenFormatError', async (t) => {
  const emulator = await startTestEmulator(t);
  const other = await startTestEmulator(t, { tokenSecret: Buffer.alloc(32, 7) });
  const foreign = await other.device();
  const answer = await emulator.send(PushType.BACKGROUND, background([foreign]));
  t.same(parseMsg(answer.body.msg).illegalTokens, { tokenFormatError: [foreign] });
});

t.test('PLAY_VOICE with push-type 0: every token refused with notSupportPlayVoice (80300007)', async (t) => {
  const emulator = await startTestEmulator(t);
  const item = example('语音播报消息');
  const token = await emulator.device();
  const answer = await emulator.send(PushType.ALERT, { payload: { notification: item.body.payload.notification }, target: { token: [token, 'bad'] } });
  t.same({ status: answer.status, code: answer.body.code }, { status: 400, code: '80300007' });
  t.same(parseMsg(answer.body.msg), { failure: 2, illegalTokens: { tokenFormatError: ['bad'], notSupportPlayVoice: [token] } });
  t.same(await emulator.messages(token), []);
});

t.test('the same token twice counts and arrives once', async (t) => {
  const emulator = await startTestEmulator(t);
  const token = await emulator.device();
  const answer = await emulator.send(PushType.BACKGROUND, background([token, token, 'bad', 'bad']));
  t.same(parseMsg(answer.body.msg), { illegalTokens: { tokenFormatError: ['bad'] }, success: 1, failure: 1 });
  t.equal((await emulator.messages(token)).length, 1);
});

t.test('devices that cannot show a message still accept it, recorded as not shown', async (t) => {
  const emulator = await startTestEmulator(t);
  const tv = await emulator.device(DeviceType.TV);
  const watch = await emulator.device(DeviceType.WEARABLE);
  const liveView = example('创建实况窗消息 TAXI').body;
  t.equal((await emulator.send(PushType.LIVE_VIEW, { ...liveView, target: { token: [tv] } })).body.code, '80000000');
  t.match(await emulator.messages(tv), [{ shown: false, notShownReason: 'Live View cannot be shown on tv' }]);
  await emulator.send(PushType.VOIP_CALL, { ...example('应用内通话消息').body, target: { token: [watch] } });
  await emulator.send(PushType.ALERT, { ...example('badge-only').body, target: { token: [watch] } });
  await emulator.send(PushType.ALERT, { ...example('通知角标').body, target: { token: [watch] } });
  t.match(await emulator.messages(watch), [
    { pushType: PushType.VOIP_CALL, shown: false, notShownReason: 'VoIP calls cannot be shown on wearable' },
    { pushType: PushType.ALERT, shown: false, notShownReason: 'badges cannot be shown on wearable' },
    { pushType: PushType.ALERT, shown: true }
  ]);
});

t.test('pushOptions travel with the message', async (t) => {
  const emulator = await startTestEmulator(t);
  const token = await emulator.device();
  await emulator.send(PushType.ALERT, { ...example('应用在前台时接收通知消息').body, target: { token: [token] } });
  t.match(await emulator.messages(token), [{ pushOptions: { testMessage: true, ttl: 86400 } }]);
});

t.test('1000 tokens of the longest length fit in one request', async (t) => {
  const emulator = await startTestEmulator(t);
  const tokens = Array.from({ length: 1000 }, (_, i) => String(i).padStart(4096, 'M'));
  const answer = await emulator.send(PushType.BACKGROUND, background(tokens));
  t.same({ status: answer.status, code: answer.body.code }, { status: 400, code: '80300007' });
  t.equal(parseMsg(answer.body.msg).failure, 1000);
});

t.test('logs show neither tokens nor the JWT', async (t) => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    }
  });
  const emulator = await startTestEmulator(t, { logLevel: 'debug', logStream });
  const token = await emulator.device();
  await emulator.send(PushType.BACKGROUND, background([token, 'unissued-token-0123456789']));
  await emulator.send(PushType.BACKGROUND, { payload: {}, target: { token: [token] } });
  await emulator.messages(token);
  const log = lines.join('');
  t.match(log, 'message answered');
  t.notMatch(log, token);
  t.notMatch(log, 'unissued-token-0123456789');
  t.notMatch(log, await emulator.jwt.token());
});

t.test('a body that is not JSON is a 400, never a 500', async (t) => {
  const emulator = await startTestEmulator(t);
  for (const payload of ['{"payload": ', '']) {
    const res = await emulator.app.inject({
      method: 'POST',
      url: '/emulator/devices',
      headers: { 'content-type': 'application/json' },
      payload
    });
    t.equal(res.statusCode, 400, JSON.stringify(payload));
  }
});
