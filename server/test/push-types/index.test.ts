import t from 'tap';
import { z } from 'zod';
import { DeviceType, PushKitCode, PushType } from '@harmony-push/shared';
import {
  MAX_BODY_BYTES,
  maxTokensPerRequest,
  pushMessage,
  pushMessageSchema,
  unsupportedOn,
  validatePushKitRequest,
  validatePushMessage
} from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths, issueCodes } from '../helpers/push-messages';

const tokens = (count: number, length = 130) => Array.from({ length: count }, (_, i) => String(i).padStart(length, 'M'));

t.test('tokens per request: 1..1000, test messages 10, card updates 1', async (t) => {
  t.equal(maxTokensPerRequest(PushType.ALERT, false), 1000);
  t.equal(maxTokensPerRequest(PushType.LIVE_VIEW, true), 10);
  t.equal(maxTokensPerRequest(PushType.FORM_UPDATE, false), 1);
  t.equal(maxTokensPerRequest(PushType.FORM_UPDATE, true), 1);

  const withTokens = (count: number, testMessage = false) =>
    failingPaths(example('后台消息'), (body) => {
      body.target.token = tokens(count);
      if (testMessage) body.pushOptions = { testMessage };
    });
  t.same(withTokens(1000), {}, '1000 long tokens do not count towards the 4096 bytes');
  t.same(withTokens(1001), { 'target.token': PushKitCode.TOKEN_COUNT_EXCEEDED });
  t.same(withTokens(0), { 'target.token': PushKitCode.TOKEN_COUNT_EXCEEDED }, 'an empty list');
  t.same(withTokens(10, true), {});
  t.same(withTokens(11, true), { 'target.token': PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED });
  t.same(withTokens(1001, true), { 'target.token': PushKitCode.TOKEN_COUNT_EXCEEDED });
  t.same(failingPaths(example('后台消息'), (body) => (body.target = { token: [1] as unknown as string[] })), {
    'target.token.0': PushKitCode.ILLEGAL_PAYLOAD
  });
  t.same(failingPaths(example('后台消息'), (body) => delete (body as { target?: unknown }).target), {
    target: PushKitCode.ILLEGAL_PAYLOAD
  });
});

t.test('the body is at most 4096 bytes without tokens, counted in UTF-8', async (t) => {
  const skeleton = Buffer.byteLength(JSON.stringify({ payload: { extraData: '' }, target: { token: [] } }));
  const sized = (extraData: string) => issueCodes(validatePushMessage(PushType.BACKGROUND, { payload: { extraData } }));
  t.same(sized('x'.repeat(MAX_BODY_BYTES - skeleton)), {});
  t.same(sized('x'.repeat(MAX_BODY_BYTES - skeleton + 1)), { payload: PushKitCode.MESSAGE_TOO_LARGE });
  t.same(sized('标'.repeat(Math.floor((MAX_BODY_BYTES - skeleton) / 3) + 1)), { payload: PushKitCode.MESSAGE_TOO_LARGE });
  t.same(
    issueCodes(validatePushMessage(PushType.BACKGROUND, { payload: { extraData: 'x'.repeat(5000), proxyData: 'no' } })),
    { 'payload.proxyData': PushKitCode.ILLEGAL_PAYLOAD, payload: PushKitCode.MESSAGE_TOO_LARGE },
    'reported together with other problems'
  );
});

t.test('validatePushMessage takes { payload, pushOptions? } and names what else it gets', async (t) => {
  const { payload, pushOptions } = example('应用内通话消息').body;
  t.same(validatePushMessage(PushType.VOIP_CALL, { payload, pushOptions }), []);
  t.same(issueCodes(validatePushMessage(PushType.VOIP_CALL, { payload, extra: 1 })), { extra: PushKitCode.ILLEGAL_PAYLOAD });
  t.same(issueCodes(validatePushMessage(PushType.VOIP_CALL, 'text')), { '': PushKitCode.ILLEGAL_PAYLOAD });
  const [issue] = validatePushMessage(PushType.ALERT, { payload: { notification: { badge: { addNum: 100 } } } });
  t.match(issue, { path: 'payload.notification.badge.addNum', message: 'must be from 1 to 99', code: PushKitCode.ILLEGAL_PAYLOAD });
});

t.test('the push-type picks the payload schema', async (t) => {
  const { payload } = example('后台消息').body;
  t.same(validatePushMessage(PushType.BACKGROUND, { payload }), []);
  t.same(issueCodes(validatePushMessage(PushType.VOIP_CALL, { payload })), {}, 'push-type 10 has the same shape');
  t.same(issueCodes(validatePushMessage(PushType.ALERT, { payload })), {
    'payload.notification': PushKitCode.ILLEGAL_PAYLOAD,
    'payload.extraData': PushKitCode.ILLEGAL_PAYLOAD
  });
  t.same(validatePushKitRequest(PushType.BACKGROUND, example('后台消息').body), []);
});

t.test('pushMessageSchema: one schema for a route body, extra fields included', async (t) => {
  const sendBody = pushMessageSchema({ target: z.object({ tokens: z.array(z.string()).min(1) }) });
  const alert = example('通知角标').body;
  const parsed = sendBody.safeParse({ pushType: 0, payload: alert.payload, pushOptions: alert.pushOptions, target: { tokens: ['a'] } });
  t.ok(parsed.success);
  if (parsed.success && parsed.data.pushType === PushType.ALERT) t.equal(parsed.data.payload.notification.badge?.addNum, 1);

  const wrongType = sendBody.safeParse({ pushType: 3, payload: {}, target: { tokens: ['a'] } });
  t.same(wrongType.error?.issues.map((issue) => issue.path.join('.')), ['pushType']);

  const many = sendBody.safeParse({
    pushType: 0,
    payload: { notification: { category: 'PLAY_VOICE', title: 't', body: 'x'.repeat(5000), clickAction: { actionType: 0 } } },
    pushOptions: { collapseKey: 1, backgroundMode: 1 },
    target: { tokens: [] }
  });
  t.same(many.error?.issues.map((issue) => issue.path.join('.')).sort(), [
    'payload',
    'payload.notification.category',
    'target.tokens'
  ]);
  t.ok(z.toJSONSchema(pushMessage, { io: 'input' }), 'describable as JSON Schema (OpenAPI)');
});

t.test('device support: what a device class cannot show', async (t) => {
  const badgeOnly = { notification: { badge: { setNum: 1 } } };
  const notification = example('通知角标').body.payload;
  t.equal(unsupportedOn(DeviceType.TV, PushType.LIVE_VIEW, {}), 'Live View cannot be shown on tv');
  t.ok(unsupportedOn(DeviceType.TWO_IN_ONE, PushType.LIVE_VIEW, {}));
  t.equal(unsupportedOn(DeviceType.PHONE, PushType.LIVE_VIEW, {}), undefined);
  for (const deviceType of [DeviceType.WEARABLE, DeviceType.TV, DeviceType.TWO_IN_ONE]) {
    t.ok(unsupportedOn(deviceType, PushType.VOIP_CALL, {}), `no VoIP on ${deviceType}`);
  }
  t.equal(unsupportedOn(DeviceType.TABLET, PushType.VOIP_CALL, {}), undefined);
  t.ok(unsupportedOn(DeviceType.WEARABLE, PushType.ALERT, badgeOnly), 'no badge on a wearable');
  t.ok(unsupportedOn(DeviceType.TV, PushType.ALERT, badgeOnly), 'no badge on a TV');
  t.equal(unsupportedOn(DeviceType.TV, PushType.ALERT, notification), undefined, 'the notification itself shows');
  t.equal(unsupportedOn(DeviceType.TWO_IN_ONE, PushType.ALERT, badgeOnly), undefined);
  t.equal(unsupportedOn(DeviceType.WEARABLE, PushType.VOIP_CALL, {}), 'VoIP calls cannot be shown on wearable');
  t.equal(unsupportedOn(DeviceType.TV, PushType.ALERT, badgeOnly), 'badges cannot be shown on tv');
  t.equal(unsupportedOn(DeviceType.WEARABLE, PushType.BACKGROUND, { extraData: 'x' }), undefined, 'no other push-type is limited');
  t.equal(unsupportedOn(DeviceType.WEARABLE, PushType.FORM_UPDATE, example('卡片刷新消息').body.payload), undefined);
});

t.test('the size and token-count rules say what is wrong in words the sender can act on', async (t) => {
  const said = (change: (body: ReturnType<typeof example>['body']) => void) => failingMessages(example('后台消息'), change);
  t.same(said((body) => (body.target.token = tokens(1001))), ['target.token: must hold 1 to 1000 tokens']);
  t.same(
    said((body) => {
      body.target.token = tokens(11);
      body.pushOptions = { testMessage: true };
    }),
    ['target.token: a test message carries at most 10 tokens']
  );
  t.same(
    said((body) => (body.payload.extraData = 'x'.repeat(5000))),
    ['payload: the message is 5050 bytes without tokens; at most 4096']
  );
  t.same(
    said((body) => ((body.target as { token: unknown }).token = '')),
    ['target.token: Invalid input: expected array, received string'],
    'a token list that is not a list is not counted'
  );
});
