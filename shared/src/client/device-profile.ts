import { DEVICE_TYPES, DeviceType } from '../contract/devices';
import { Logger } from './logger';
import { NotificationSwitch, readNotificationSwitch } from './notification-permission';

/** What a registration tells about the device: its class and software, nothing that identifies it. */
export interface DeviceProfile {
  deviceType: DeviceType;
  osApiVersion?: number;
  appVersion?: string;
  /** Whether the user allows this app's notifications; absent when it could not be read. */
  notificationsEnabled?: boolean;
}

/** The profile as of now: read again before every registration, since the notification switch can change. */
export interface DeviceProfileSource {
  read(): Promise<DeviceProfile>;
}

/** A profile that does not change (tests, and platforms that know everything up front). */
export class FixedDeviceProfile implements DeviceProfileSource {
  private readonly profile: DeviceProfile;

  constructor(profile: DeviceProfile) {
    this.profile = profile;
  }

  async read(): Promise<DeviceProfile> {
    return this.profile;
  }
}

/** What the platform reports: `deviceInfo` and the bundle's own `versionName` on HarmonyOS. */
export interface DevicePlatform {
  deviceType(): string;
  osApiVersion(): number;
  appVersion(): Promise<string>;
}

/** `deviceInfo.deviceType` as the contract's enum; values a newer OS may add count as `default`. */
export function deviceTypeOf(reported: string): DeviceType {
  const match = DEVICE_TYPES.find((type: DeviceType) => type.valueOf() === reported);
  return match ?? DeviceType.DEFAULT;
}

/**
 * Reads the profile from the platform. What cannot be read is left out (and logged) rather than guessed:
 * the server keeps what it knew. The app version cannot change while the process runs, so it is read once.
 */
export class DeviceProfileReader implements DeviceProfileSource {
  private readonly platform: DevicePlatform;
  private readonly notifications: NotificationSwitch;
  private readonly logger: Logger;
  private appVersion: string | undefined = undefined;

  constructor(platform: DevicePlatform, notifications: NotificationSwitch, logger: Logger) {
    this.platform = platform;
    this.notifications = notifications;
    this.logger = logger;
  }

  async read(): Promise<DeviceProfile> {
    const profile: DeviceProfile = {
      deviceType: deviceTypeOf(this.platform.deviceType()),
      osApiVersion: this.platform.osApiVersion()
    };
    const appVersion = await this.readAppVersion();
    if (appVersion !== undefined) {
      profile.appVersion = appVersion;
    }
    const notificationsEnabled = await readNotificationSwitch(this.notifications, this.logger);
    if (notificationsEnabled !== undefined) {
      profile.notificationsEnabled = notificationsEnabled;
    }
    return profile;
  }

  private async readAppVersion(): Promise<string | undefined> {
    if (this.appVersion === undefined) {
      try {
        const version = await this.platform.appVersion();
        this.appVersion = version.length > 0 ? version : undefined;
      } catch (e) {
        this.logger.warn('Could not read the app version: ' + (e as Error).message);
      }
    }
    return this.appVersion;
  }
}
