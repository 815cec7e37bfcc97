import t from 'tap';
import { DEVICE_TYPES, DeviceType, clickDataFrom, deviceTypeOf } from '../../src/index';

t.test('deviceTypeOf keeps every contract device type and maps unknown ones to default', async (t) => {
  t.same(DEVICE_TYPES.map((type) => deviceTypeOf(type)), DEVICE_TYPES);
  t.equal(deviceTypeOf('smartWatch2030'), DeviceType.DEFAULT);
  t.equal(deviceTypeOf(''), DeviceType.DEFAULT);
});

t.test('clickDataFrom keeps the app data of a notification tap and drops system parameters', async (t) => {
  t.same(
    clickDataFrom({
      pageUri: 'orders/42',
      count: 3,
      nested: { a: 1 },
      'ohos.aafwk.param.callerUid': 20010044,
      'ohos.aafwk.param.callerBundleName': 'com.huawei.hms.pushservice'
    }),
    { pageUri: 'orders/42', count: '3', nested: '{"a":1}' }
  );
  t.same(clickDataFrom(undefined), {});
});
