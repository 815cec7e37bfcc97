import { DeviceType, PushType, type Notification } from '@harmony-push/shared';
import { isBadgeOnly } from './alert';

interface Unsupported {
  what: string;
  devices: DeviceType[];
}

/** Push-types some device classes cannot show at all (spec §1 "Device support per push-type"). */
const UNSUPPORTED: Partial<Record<PushType, Unsupported>> = {
  [PushType.LIVE_VIEW]: { what: 'Live View', devices: [DeviceType.TV, DeviceType.TWO_IN_ONE] },
  [PushType.VOIP_CALL]: { what: 'VoIP calls', devices: [DeviceType.WEARABLE, DeviceType.TV, DeviceType.TWO_IN_ONE] }
};

/** Badges are not shown on these, so a badge-only update does nothing there. */
const NO_BADGE: DeviceType[] = [DeviceType.WEARABLE, DeviceType.TV];

/**
 * Why a device of `deviceType` cannot show this message, or undefined when it can. `payload` must already be valid
 * for `pushType`.
 */
export function unsupportedOn(deviceType: DeviceType, pushType: PushType, payload: unknown): string | undefined {
  const unsupported = UNSUPPORTED[pushType];
  if (unsupported?.devices.includes(deviceType)) return `${unsupported.what} cannot be shown on ${deviceType}`;
  if (pushType === PushType.ALERT && NO_BADGE.includes(deviceType)) {
    const notification = (payload as { notification: Notification }).notification;
    if (isBadgeOnly(notification)) return `badges cannot be shown on ${deviceType}`;
  }
  return undefined;
}
