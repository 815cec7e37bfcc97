import t from 'tap';
import { DeviceProfileReader, DeviceType, FixedDeviceProfile, type DevicePlatform, type NotificationSwitch } from '../../src/index';
import { MemoryLogger } from './fakes';

class FakePlatform implements DevicePlatform {
  appVersionReads = 0;
  constructor(private readonly version: string | Error) {}
  deviceType(): string {
    return 'tablet';
  }
  osApiVersion(): number {
    return 18;
  }
  async appVersion(): Promise<string> {
    this.appVersionReads++;
    if (this.version instanceof Error) throw this.version;
    return this.version;
  }
}

class Switch implements NotificationSwitch {
  constructor(public value: boolean | Error) {}
  async isEnabled(): Promise<boolean> {
    if (this.value instanceof Error) throw this.value;
    return this.value;
  }
}

t.test('reads the device class, API level, app version and the notification switch', async (t) => {
  const reader = new DeviceProfileReader(new FakePlatform('2.3.1'), new Switch(true), new MemoryLogger());
  t.same(await reader.read(), { deviceType: DeviceType.TABLET, osApiVersion: 18, appVersion: '2.3.1', notificationsEnabled: true });
});

t.test('the switch is read on every read, the app version once per process', async (t) => {
  const platform = new FakePlatform('2.3.1');
  const notifications = new Switch(false);
  const reader = new DeviceProfileReader(platform, notifications, new MemoryLogger());
  t.equal((await reader.read()).notificationsEnabled, false);
  notifications.value = true;
  t.equal((await reader.read()).notificationsEnabled, true);
  t.equal(platform.appVersionReads, 1);
});

t.test('what cannot be read is left out and logged, never guessed', async (t) => {
  const logger = new MemoryLogger();
  const reader = new DeviceProfileReader(new FakePlatform(new Error('bundle manager down')),
    new Switch(new Error('notification service down')), logger);
  const profile = await reader.read();
  t.strictSame(profile, { deviceType: DeviceType.TABLET, osApiVersion: 18 }, 'no key for what is unknown');
  t.match(logger.text(), /warn .*app version.*bundle manager down/);
  t.match(logger.text(), /warn .*notification.*notification service down/);
});

t.test('an app version that could not be read is tried again on the next read', async (t) => {
  const platform = new FakePlatform(new Error('bundle manager busy'));
  const reader = new DeviceProfileReader(platform, new Switch(true), new MemoryLogger());
  t.equal((await reader.read()).appVersion, undefined);
  Object.assign(platform, { version: '2.3.1' });
  t.equal((await reader.read()).appVersion, '2.3.1');
  t.equal(platform.appVersionReads, 2);
});

t.test('an empty versionName counts as unknown', async (t) => {
  const reader = new DeviceProfileReader(new FakePlatform(''), new Switch(true), new MemoryLogger());
  t.equal((await reader.read()).appVersion, undefined);
});

t.test('a fixed profile reads as it was given', async (t) => {
  const fixed = new FixedDeviceProfile({ deviceType: DeviceType.WEARABLE, osApiVersion: 18, appVersion: '1.0.0' });
  t.strictSame(await fixed.read(), { deviceType: DeviceType.WEARABLE, osApiVersion: 18, appVersion: '1.0.0' });
});
