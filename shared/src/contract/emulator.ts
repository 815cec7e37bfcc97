import { DeviceType } from './devices';

/**
 * The states an admin gives a virtual device of the Push Kit emulator (`PATCH /emulator/devices/:token`). Each
 * decides the delivery receipt the emulator reports for that device (Huawei's push-msg-receipt result codes):
 * active 0, uninstalled 2, notificationsOff 6 for alerts, inactive 10.
 */
export enum EmulatorDeviceState {
  ACTIVE = 'active',
  /** The app was removed from the device: receipt 2. */
  UNINSTALLED = 'uninstalled',
  /** The user turned the app's notifications off: alerts get receipt 6, other push-types are delivered. */
  NOTIFICATIONS_OFF = 'notificationsOff',
  /** The device has been offline for 30 days: receipt 10. */
  INACTIVE = 'inactive'
}

export const EMULATOR_DEVICE_STATES: EmulatorDeviceState[] = [
  EmulatorDeviceState.ACTIVE,
  EmulatorDeviceState.UNINSTALLED,
  EmulatorDeviceState.NOTIFICATIONS_OFF,
  EmulatorDeviceState.INACTIVE
];

/** `PATCH /emulator/devices/:token`: the fields to change. */
export interface EmulatorDeviceUpdate {
  state?: EmulatorDeviceState;
  /** Whether the app's process runs: background messages (push-type 6) to an app that does not get receipt 27. */
  appRunning?: boolean;
}

/** A virtual device as the emulator's admin routes show it. */
export interface EmulatorDevice {
  /** Masked, except in the answer that issues it (`POST /emulator/devices/:token/reinstall`). */
  token: string;
  deviceType: DeviceType;
  state: EmulatorDeviceState;
  appRunning: boolean;
}
