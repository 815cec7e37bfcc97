import { DeviceType, PushType, type Notification } from '@harmony-push/shared';
import { isBadgeOnly } from './alert';

interface Supported {
  what: string;
  devices: DeviceType[];
}

/**
 * The devices that show a push-type at all, where Huawei limits it (an allow-list: a device class Huawei does not
 * name is not sent to):
 * - Live View: "推送实况窗消息仅支持Phone、Tablet设备" (push-update-liveview; push-scenes-send: Wearable、TV、PC/2in1
 *   unsupported);
 * - VoIP calls: Phone and Tablet (push-voip: not on Wearable, TV or PC/2in1; Lite Wearables from 6.1.0(23) are not a
 *   device type the registry tells apart).
 */
const SUPPORTED: Partial<Record<PushType, Supported>> = {
  [PushType.LIVE_VIEW]: { what: 'Live View', devices: [DeviceType.PHONE, DeviceType.TABLET] },
  [PushType.VOIP_CALL]: { what: 'VoIP calls', devices: [DeviceType.PHONE, DeviceType.TABLET] }
};

/** Badges: "支持Phone、Tablet、PC/2in1设备" (push-send-badge). */
const BADGE_DEVICES: DeviceType[] = [DeviceType.PHONE, DeviceType.TABLET, DeviceType.TWO_IN_ONE];

/**
 * Why a device of `deviceType` cannot show this message, or undefined when it can. `payload` must already be valid
 * for `pushType`. A single field some device ignores (an image on a wearable) does not count: the rest is shown.
 */
export function unsupportedOn(deviceType: DeviceType, pushType: PushType, payload: unknown): string | undefined {
  const supported = SUPPORTED[pushType];
  if (supported && !supported.devices.includes(deviceType)) return `${supported.what} cannot be shown on ${deviceType}`;
  if (pushType === PushType.ALERT && !BADGE_DEVICES.includes(deviceType)) {
    const notification = (payload as { notification: Notification }).notification;
    if (isBadgeOnly(notification)) return `badges cannot be shown on ${deviceType}`;
  }
  return undefined;
}
