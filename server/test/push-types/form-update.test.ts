import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingPaths } from '../helpers/push-messages';

type Fields = Record<string, unknown>;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const broken = (change: (payload: Fields) => void) => failingPaths(example('卡片刷新消息'), (body) => change(body.payload));

t.test("Huawei's card update example is valid", async (t) => {
  const { pushType, body } = example('卡片刷新消息');
  t.same(validatePushKitRequest(pushType, body), []);
});

t.test('formId, version, moduleName, formName, abilityName and formData are required', async (t) => {
  t.same(
    broken((p) => {
      for (const field of ['formId', 'version', 'moduleName', 'formName', 'abilityName', 'formData']) delete p[field];
    }),
    {
      'payload.formId': ILLEGAL,
      'payload.version': ILLEGAL,
      'payload.moduleName': ILLEGAL,
      'payload.formName': ILLEGAL,
      'payload.abilityName': ILLEGAL,
      'payload.formData': ILLEGAL
    }
  );
});

t.test('version is 0..2^31−1 and formId a non-negative safe integer', async (t) => {
  t.same(broken((p) => (p.version = 0)), {});
  t.same(broken((p) => (p.version = 2 ** 31)), { 'payload.version': ILLEGAL });
  t.same(broken((p) => (p.version = -1)), { 'payload.version': ILLEGAL });
  t.same(broken((p) => (p.formId = 2 ** 31 - 1)), {});
  t.same(broken((p) => (p.formId = -1)), { 'payload.formId': ILLEGAL });
  t.same(broken((p) => (p.formId = 2 ** 53)), { 'payload.formId': ILLEGAL });
});

t.test('at most one image, whose keyName is not a formData key', async (t) => {
  const image = { keyName: 'icon', url: 'https://x.png', require: 0 };
  t.same(broken((p) => (p.images = [image, image])), { 'payload.images': ILLEGAL });
  t.same(broken((p) => (p.images = [{ ...image, keyName: 'class' }])), { 'payload.images.0.keyName': ILLEGAL });
  t.same(broken((p) => (p.images = [{ ...image, require: 2 }])), { 'payload.images.0.require': ILLEGAL });
  t.same(broken((p) => (p.images = [{ ...image, url: 'http://x.png' }])), { 'payload.images.0.url': ILLEGAL });
});

t.test('formData: no null values, no datashareproxy:// keys, numbers within 2^53−1', async (t) => {
  t.same(broken((p) => (p.formData = { a: null })), { 'payload.formData.a': ILLEGAL });
  t.same(broken((p) => (p.formData = { 'datashareproxy://x': 'v' })), { 'payload.formData.datashareproxy://x': ILLEGAL });
  t.same(broken((p) => (p.formData = { big: 2 ** 53 })), { 'payload.formData.big': ILLEGAL });
  t.same(broken((p) => (p.formData = { max: 2 ** 53 - 1, flag: true, text: 'x', ratio: 0.5 })), {});
});

t.test('exactly one token, test message or not', async (t) => {
  t.same(
    failingPaths(example('卡片刷新消息'), (body) => body.target.token.push('second')),
    { 'target.token': PushKitCode.TOKEN_COUNT_EXCEEDED }
  );
  t.same(
    failingPaths(example('卡片刷新消息'), (body) => {
      body.target.token.push('second');
      body.pushOptions = { testMessage: true };
    }),
    { 'target.token': PushKitCode.TOKEN_COUNT_EXCEEDED }
  );
});
