/** Small durable string storage (preferences on the device). `set` persists before it resolves. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}
