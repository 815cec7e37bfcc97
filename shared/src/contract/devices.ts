/** Device classes as reported by `deviceInfo.deviceType` on HarmonyOS. */
export enum DeviceType {
  PHONE = 'phone',
  TABLET = 'tablet',
  TWO_IN_ONE = '2in1',
  WEARABLE = 'wearable',
  TV = 'tv',
  CAR = 'car',
  DEFAULT = 'default'
}

export const DEVICE_TYPES: DeviceType[] = [
  DeviceType.PHONE,
  DeviceType.TABLET,
  DeviceType.TWO_IN_ONE,
  DeviceType.WEARABLE,
  DeviceType.TV,
  DeviceType.CAR,
  DeviceType.DEFAULT
];
