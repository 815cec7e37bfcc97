// Host fake of @kit.BasicServicesKit: the device the host runner says it is (a phone at API 12, the oldest
// level the app supports, unless told otherwise). The runner sets it before any suite runs.
export const deviceInfo = { deviceType: 'phone', sdkApiVersion: 12 };

export interface HostDevice {
  deviceType: string;
  sdkApiVersion: number;
}

export function setHostDevice(device: HostDevice): void {
  Object.assign(deviceInfo, device);
}
