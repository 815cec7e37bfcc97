import { EmulatorDeviceState, type EmulatorDeviceUpdate } from '@harmony-push/shared';

/** What an admin set on a virtual device. */
export interface DeviceSettings {
  state: EmulatorDeviceState;
  appRunning: boolean;
}

/** A device as getToken() leaves it: installed, notifications on, the app running. */
export const DEFAULT_SETTINGS: Readonly<DeviceSettings> = { state: EmulatorDeviceState.ACTIVE, appRunning: true };

/** A token a reinstall replaced: no device has it any more. */
export const REPLACED = 'replaced';

export type DeviceRecord = DeviceSettings | typeof REPLACED;

/**
 * The settings of virtual devices, kept only for devices that differ from the default and for replaced tokens, so
 * untouched devices cost nothing. At most `limit` are kept: past it, the least recently changed is forgotten
 * (it becomes a default device again).
 */
export class DeviceStates {
  /** Map order is recency of changes: the first entry is the one changed least recently. */
  private readonly records = new Map<string, DeviceRecord>();

  constructor(private readonly limit: number) {}

  of(token: string): Readonly<DeviceRecord> {
    return this.records.get(token) ?? DEFAULT_SETTINGS;
  }

  /** Applies `update` to a device that is not replaced. */
  update(token: string, update: EmulatorDeviceUpdate): DeviceSettings {
    const current = this.of(token);
    if (current === REPLACED) throw new Error('a replaced token has no settings');
    const next: DeviceSettings = { state: update.state ?? current.state, appRunning: update.appRunning ?? current.appRunning };
    const isDefault = next.state === DEFAULT_SETTINGS.state && next.appRunning === DEFAULT_SETTINGS.appRunning;
    this.records.delete(token);
    if (!isDefault) this.keep(token, next);
    return next;
  }

  /** From now on `token` answers token mismatch. */
  replace(token: string): void {
    this.records.delete(token);
    this.keep(token, REPLACED);
  }

  get size(): number {
    return this.records.size;
  }

  private keep(token: string, record: DeviceRecord): void {
    this.records.set(token, record);
    if (this.records.size > this.limit) this.records.delete(this.records.keys().next().value as string);
  }
}
