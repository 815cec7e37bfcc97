import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingPaths } from '../helpers/push-messages';

t.test("Huawei's in-app call example is valid", async (t) => {
  const { pushType, body } = example('应用内通话消息');
  t.same(validatePushKitRequest(pushType, body), []);
});

t.test('extraData is required; collapseKey and backgroundMode have no effect (dropped with a warning by /send)', async (t) => {
  t.same(failingPaths(example('应用内通话消息'), (body) => delete body.payload.extraData), {
    'payload.extraData': PushKitCode.ILLEGAL_PAYLOAD
  });
  t.same(failingPaths(example('应用内通话消息'), (body) => (body.pushOptions = { collapseKey: -1, backgroundMode: 0 })), {});
});
