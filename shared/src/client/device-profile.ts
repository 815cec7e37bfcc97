import { DEVICE_TYPES, DeviceType } from '../contract/devices';

/** What a registration tells about the device: its class and software, nothing that identifies it. */
export interface DeviceProfile {
  deviceType: DeviceType;
  osApiVersion?: number;
  appVersion?: string;
}

/** `deviceInfo.deviceType` as the contract's enum; values a newer OS may add count as `default`. */
export function deviceTypeOf(reported: string): DeviceType {
  const match = DEVICE_TYPES.find((type: DeviceType) => type.valueOf() === reported);
  return match ?? DeviceType.DEFAULT;
}
