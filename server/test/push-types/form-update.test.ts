import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths } from '../helpers/push-messages';

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

t.test('the image and formData rules compare only what is well-formed', async (t) => {
  t.same(broken((p) => Object.assign(p, { formData: 'abc', images: [{ keyName: '0' }] })), { 'payload.formData': ILLEGAL });
  t.same(broken((p) => Object.assign(p, { formData: null, images: [{ keyName: '0' }] })), { 'payload.formData': ILLEGAL });
  t.same(broken((p) => (p.images = [null])), { 'payload.images.0': ILLEGAL });
  t.same(broken((p) => Object.assign(p, { formData: { undefined: 1 }, images: [{ url: 'https://x.png' }] })), {}, 'an image without keyName');
  t.same(broken((p) => (p.formData = { 'key-datashareproxy://': 'v', min: -(2 ** 53 - 1) })), {}, 'the prefix only counts at the start');
  t.same(broken((p) => (p.formData = { min: -(2 ** 53) })), { 'payload.formData.min': ILLEGAL });
});

t.test('each broken rule says what is wrong in words the sender can act on', async (t) => {
  const said = (change: (payload: Fields) => void) => failingMessages(example('卡片刷新消息'), (body) => change(body.payload));
  t.same(
    said((p) => {
      p.formData = { a: null, b: [1], c: 2 ** 53, 'datashareproxy://k': 1 };
      p.images = [{ keyName: 'x' }, { keyName: 'y' }];
    }),
    [
      'payload.images: must have at most one image',
      'payload.formData.a: must not be null',
      'payload.formData.b: must be a string, number or boolean',
      'payload.formData.c: must be within ±(2^53−1)',
      'payload.formData.datashareproxy://k: keys must not start with datashareproxy://'
    ]
  );
  t.same(
    said((p) => {
      p.formData = { k: 'v' };
      p.images = [{ keyName: 'k', url: 'http://x.png' }];
    }),
    ['payload.images.0.url: must be an https:// URL', 'payload.images.0.keyName: must not be a formData key']
  );
});
