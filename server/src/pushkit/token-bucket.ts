/**
 * A token bucket counting push tokens (devices), as Push Kit counts its app QPS: "每秒推送的设备个数"
 * (push-msg-freq-control). It refills at `rate` per second up to `capacity`; the capacity is at least one full request
 * (1000 tokens), so a limit below 1000 tokens/s slows requests down instead of refusing every one.
 */
export class TokenBucket {
  private level: number;
  private refilledAt: number;

  constructor(
    private rate: number,
    private capacity: number,
    private readonly now: () => number
  ) {
    this.level = capacity;
    this.refilledAt = now();
  }

  get tokensPerSecond(): number {
    return this.rate;
  }

  setRate(rate: number, capacity: number): void {
    this.refill();
    this.rate = rate;
    this.capacity = capacity;
    this.level = Math.min(this.level, capacity);
  }

  /** Takes `tokens` if the bucket holds them; otherwise takes nothing and returns the milliseconds until it would. */
  tryTake(tokens: number): number {
    this.refill();
    if (this.level >= tokens) {
      this.level -= tokens;
      return 0;
    }
    return Math.ceil(((tokens - this.level) / this.rate) * 1000);
  }

  /** Empties the bucket: after a 503 nothing is sent on saved-up allowance. */
  drain(): void {
    this.refill();
    this.level = 0;
  }

  private refill(): void {
    const now = this.now();
    this.level = Math.min(this.capacity, this.level + ((now - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = now;
  }
}
