import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths } from '../helpers/push-messages';

type Fields = Record<string, unknown>;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const broken = (change: (payload: Fields) => void) => failingPaths(example('语音播报消息'), (body) => change(body.payload));

t.test("Huawei's voice broadcast example is valid", async (t) => {
  const { pushType, body } = example('语音播报消息');
  t.same(validatePushKitRequest(pushType, body), []);
});

t.test('extraData and a PLAY_VOICE notification are required', async (t) => {
  t.same(broken((p) => delete p.extraData), { 'payload.extraData': ILLEGAL });
  t.same(broken((p) => delete p.notification), { 'payload.notification': ILLEGAL });
  t.same(broken((p) => ((p.notification as Fields).category = 'IM')), { 'payload.notification.category': ILLEGAL });
});

t.test('the notification follows the alert rules', async (t) => {
  t.same(broken((p) => ((p.notification as Fields).clickAction = { actionType: 3 })), {
    'payload.notification.clickAction.actionType': ILLEGAL
  });
  t.same(broken((p) => ((p.notification as Fields).style = 3)), { 'payload.notification.inboxContent': ILLEGAL });
});

t.test('collapseKey applies to push-type 2; backgroundMode has no effect (dropped with a warning by /send)', async (t) => {
  t.same(failingPaths(example('语音播报消息'), (body) => (body.pushOptions = { collapseKey: 5 })), {});
  t.same(failingPaths(example('语音播报消息'), (body) => (body.pushOptions = { backgroundMode: 1 })), {});
});

t.test('a notification that is not an object is reported once, not as a wrong category too', async (t) => {
  t.same(failingMessages(example('语音播报消息'), (body) => (body.payload.notification = null)), [
    'payload.notification: Invalid input: expected object, received null'
  ]);
  t.same(broken((p) => (p.notification = 'PLAY_VOICE')), { 'payload.notification': ILLEGAL });
  t.same(failingMessages(example('语音播报消息'), (body) => ((body.payload.notification as Fields).category = 'IM')), [
    'payload.notification.category: must be PLAY_VOICE for push-type 2'
  ]);
});
