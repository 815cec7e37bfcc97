import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths } from '../helpers/push-messages';

const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;

t.test("Huawei's background example is valid", async (t) => {
  const { pushType, body } = example('后台消息');
  t.same(validatePushKitRequest(pushType, body), []);
});

t.test('extraData is a required string; proxyData is "ENABLE" or absent', async (t) => {
  t.same(failingPaths(example('后台消息'), (body) => delete body.payload.extraData), { 'payload.extraData': ILLEGAL });
  t.same(failingPaths(example('后台消息'), (body) => (body.payload.extraData = { a: 1 })), { 'payload.extraData': ILLEGAL });
  t.same(failingPaths(example('后台消息'), (body) => (body.payload.proxyData = 'ENABLE')), {});
  t.same(failingPaths(example('后台消息'), (body) => (body.payload.proxyData = 'enable')), { 'payload.proxyData': ILLEGAL });
});

t.test('backgroundMode 0 or 1; collapseKey on push-type 6 has no effect (warned by /send, not refused)', async (t) => {
  t.same(failingPaths(example('后台消息'), (body) => (body.pushOptions = { backgroundMode: 1 })), {});
  t.same(failingPaths(example('后台消息'), (body) => (body.pushOptions = { backgroundMode: 2 })), {
    'pushOptions.backgroundMode': ILLEGAL
  });
  t.same(failingPaths(example('后台消息'), (body) => (body.pushOptions = { collapseKey: 1 })), {});
});

t.test('a wrong proxyData says what it may be', async (t) => {
  t.same(failingMessages(example('后台消息'), (body) => (body.payload.proxyData = 'DISABLE')), ['payload.proxyData: must be "ENABLE" or absent']);
});
