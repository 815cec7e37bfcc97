import t from 'tap';
import { DEVICE_TYPES, DeviceType } from '@harmony-push/shared';
import { DeviceTokens } from '../../src/emulator/device-tokens';

const tokens = new DeviceTokens(Buffer.alloc(32, 1));

t.test('a token carries its device type and checks out without storage', async (t) => {
  for (const deviceType of DEVICE_TYPES) t.equal(tokens.deviceTypeOf(tokens.issue(deviceType)), deviceType);
  t.equal(new DeviceTokens(Buffer.alloc(32, 1)).deviceTypeOf(tokens.issue(DeviceType.TV)), DeviceType.TV, 'same secret, same verdict');
});

t.test('tokens it did not issue are refused', async (t) => {
  const token = tokens.issue(DeviceType.PHONE);
  t.equal(new DeviceTokens(Buffer.alloc(32, 2)).deviceTypeOf(token), undefined, 'another secret');
  const bytes = Buffer.from(token, 'base64url');
  bytes[1] = DEVICE_TYPES.indexOf(DeviceType.TV);
  t.equal(tokens.deviceTypeOf(bytes.toString('base64url')), undefined, 'device type changed');
  t.equal(tokens.deviceTypeOf(token.slice(0, -2)), undefined, 'truncated');
  t.equal(tokens.deviceTypeOf(`${token}=`), undefined, 'not canonical base64url');
  for (const garbage of ['', 'MAAALgE4G98BAAAAst*******jg', 'x'.repeat(56)]) t.equal(tokens.deviceTypeOf(garbage), undefined, garbage);
});
