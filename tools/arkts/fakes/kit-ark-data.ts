// Host fake of @kit.ArkData preferences. Stricter than the device on purpose: a value reaches
// "disk" (and so a later getPreferences) only through flush(), so a missing flush fails the suites.
type Value = string | number | boolean;

const disk = new Map<string, Map<string, Value>>();

class HostPreferences {
  private readonly values: Map<string, Value>;

  constructor(private readonly name: string) {
    this.values = new Map(disk.get(name) ?? []);
  }

  async get(key: string, defValue: Value): Promise<Value> {
    return this.values.has(key) ? (this.values.get(key) as Value) : defValue;
  }

  async put(key: string, value: Value): Promise<void> {
    this.values.set(key, value);
  }

  async flush(): Promise<void> {
    disk.set(this.name, new Map(this.values));
  }
}

export const preferences = {
  getPreferences: async (context: object, name: string) => new HostPreferences(name)
};
