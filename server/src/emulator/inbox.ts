import type { PushType } from '@harmony-push/shared';

/** A message Push Kit accepted for a device: what the device would receive. */
export interface DeviceMessage {
  requestId: string;
  receivedAt: string;
  pushType: PushType;
  payload: unknown;
  pushOptions?: unknown;
  /** False when the device class cannot show this message (e.g. Live View on a TV). */
  shown: boolean;
  notShownReason?: string;
}

export interface InboxLimits {
  /** Newest messages kept per device. */
  perDevice: number;
  /** Messages kept over all devices; the devices written to least recently lose theirs first. */
  total: number;
}

/** Bounded in memory: at most `perDevice` per device and `total` overall. */
export class Inbox {
  /** Map order is recency of writes: the first device is the one written to least recently. */
  private readonly devices = new Map<string, DeviceMessage[]>();
  private count = 0;

  constructor(private readonly limits: InboxLimits) {}

  add(token: string, message: DeviceMessage): void {
    const messages = this.devices.get(token) ?? [];
    this.devices.delete(token);
    this.devices.set(token, messages);
    messages.push(message);
    this.count += 1;
    if (messages.length > this.limits.perDevice) {
      messages.shift();
      this.count -= 1;
    }
    while (this.count > this.limits.total) this.evictOldest();
  }

  /**
   * Removes what `matches` picks from a device's messages (a revoke); returns how many went. The device keeps its
   * place in the eviction order: a revoke writes nothing.
   */
  remove(token: string, matches: (message: DeviceMessage) => boolean): number {
    const messages = this.devices.get(token);
    if (!messages) return 0;
    const kept = messages.filter((message) => !matches(message));
    const removed = messages.length - kept.length;
    messages.splice(0, messages.length, ...kept);
    this.count -= removed;
    if (messages.length === 0) this.devices.delete(token);
    return removed;
  }

  /** Oldest first. */
  list(token: string): DeviceMessage[] {
    return [...(this.devices.get(token) ?? [])];
  }

  get size(): number {
    return this.count;
  }

  private evictOldest(): void {
    const [token, messages] = this.devices.entries().next().value as [string, DeviceMessage[]];
    messages.shift();
    this.count -= 1;
    if (messages.length === 0) this.devices.delete(token);
  }
}
