// Host fake of @kit.ArkUI (window is only used as a type) and of the ArkUI global AppStorage.
export const window = {};

class HostAppStorage {
  private static readonly values = new Map<string, unknown>();

  static setOrCreate<T>(propName: string, newValue: T): void {
    HostAppStorage.values.set(propName, newValue);
  }

  static get<T>(propName: string): T | undefined {
    return HostAppStorage.values.get(propName) as T | undefined;
  }
}

Object.assign(globalThis, { AppStorage: HostAppStorage });
