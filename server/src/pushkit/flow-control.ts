import pLimit, { type LimitFunction } from 'p-limit';

export interface FlowControlOptions {
  /** Requests in flight at most, across every send of this process. */
  maxConcurrency: number;
  /** First pause after a 503; doubled per consecutive 503, up to `maxPauseMs`. */
  basePauseMs: number;
  maxPauseMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One limiter for the whole sender. Push Kit answers 503 when the app's QPS is over its threshold, so a 503 slows
 * every batch, not only the one that got it: concurrency is halved and new requests wait out a shared pause
 * (exponential, full jitter). Successes win concurrency back one request at a time.
 */
export class FlowControl {
  private readonly limit: LimitFunction;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private pausedUntil = 0;
  private consecutiveThrottles = 0;
  throttles = 0;

  constructor(private readonly options: FlowControlOptions) {
    this.limit = pLimit(options.maxConcurrency);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Runs `request` within the concurrency limit, once any shared pause has passed. */
  run<T>(request: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (let wait = this.pausedUntil - this.now(); wait > 0; wait = this.pausedUntil - this.now()) {
        await this.sleep(wait);
      }
      return request();
    });
  }

  throttled(): void {
    this.throttles += 1;
    this.consecutiveThrottles += 1;
    const ceiling = Math.min(this.options.maxPauseMs, this.options.basePauseMs * 2 ** (this.consecutiveThrottles - 1));
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.ceil(this.random() * ceiling));
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
  }

  succeeded(): void {
    this.consecutiveThrottles = 0;
    if (this.limit.concurrency < this.options.maxConcurrency) this.limit.concurrency += 1;
  }
}
