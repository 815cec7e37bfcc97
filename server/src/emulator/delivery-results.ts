import { DeliveryResult, EmulatorDeviceState, PushType } from '@harmony-push/shared';
import { REPLACED, type DeviceRecord } from './device-states';

/**
 * The receipt result of one accepted message, by Huawei's result codes (push-msg-receipt):
 * - a test message past the day's quota is throttled by Push Kit before any device is tried: 256;
 * - a token a reinstall replaced: 5 (token mismatch); an uninstalled app: 2; a device offline 30 days: 10;
 * - notifications off: 6 for alerts only (the registry keeps such a token active for other push-types);
 * - a background message to an app that is not running: 27 (cached on the device);
 * - otherwise delivered: 0.
 */
export function deliveryResult(device: Readonly<DeviceRecord>, pushType: PushType, overTestQuota: boolean): number {
  if (overTestQuota) return DeliveryResult.FREQUENCY_LIMIT;
  if (device === REPLACED) return DeliveryResult.TOKEN_MISMATCH;
  switch (device.state) {
    case EmulatorDeviceState.UNINSTALLED:
      return DeliveryResult.UNINSTALLED;
    case EmulatorDeviceState.INACTIVE:
      return DeliveryResult.INACTIVE_DEVICE;
    case EmulatorDeviceState.NOTIFICATIONS_OFF:
      if (pushType === PushType.ALERT) return DeliveryResult.NOTIFICATIONS_OFF;
      break;
    case EmulatorDeviceState.ACTIVE:
      break;
  }
  if (pushType === PushType.BACKGROUND && !device.appRunning) return DeliveryResult.APP_NOT_RUNNING;
  return DeliveryResult.DELIVERED;
}

/** Results of messages that reach the device without being shown, and why; other results never reach it. */
const NOT_SHOWN: Partial<Record<number, string>> = {
  [DeliveryResult.NOTIFICATIONS_OFF]: 'notifications are off',
  [DeliveryResult.APP_NOT_RUNNING]: 'the app is not running: the message is cached'
};

/** Whether a message with this result reaches the device (and so its inbox), and why it is not shown if so. */
export function onDevice(result: number): { reached: boolean; notShownReason?: string } {
  if (result === DeliveryResult.DELIVERED) return { reached: true };
  const notShownReason = NOT_SHOWN[result];
  return notShownReason === undefined ? { reached: false } : { reached: true, notShownReason };
}
