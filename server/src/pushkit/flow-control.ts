import pLimit, { type LimitFunction } from 'p-limit';
import { TokenBucket } from './token-bucket';

export interface FlowControlOptions {
  /** Requests in flight at most, across every send of this process. */
  maxConcurrency: number;
  /**
   * The app's QPS threshold from AppGallery Connect (推送服务 > 配置), in tokens per second (push-msg-freq-control:
   * "每秒推送的设备个数"); 0 when unknown: the sender starts low and probes upward.
   */
  tokensPerSecond: number;
  /**
   * The bucket holds this many tokens: one full request, so a limit below it slows requests down instead of refusing
   * them, and requests go out evenly instead of in bursts that Push Kit would count within one second.
   */
  burstTokens: number;
  /** Pause after a 503 without Retry-After; doubled per consecutive 503 (full jitter), up to `maxPauseMs`. */
  basePauseMs: number;
  maxPauseMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Where an unknown limit starts: one full request per second. */
const START_TOKENS_PER_SECOND = 1000;
const MIN_TOKENS_PER_SECOND = 10;
/** The rate changes at most this often on success... */
const PROBE_INTERVAL_MS = 1000;
/** ...except while the limit is unknown: it doubles this often while it holds requests back (slow start). */
const SLOW_START_INTERVAL_MS = 250;
/** A 503 cuts the rate to this share of the ceiling it reveals. */
const CUT = 0.8;
/** The ceiling a 503 reveals is about the rate Push Kit took tokens at over this last stretch. */
const MEASURE_MS = 2000;
/** ...but the first 503 never brings it below a quarter of the rate (an idle second took nothing). */
const LOWEST_CEILING = 0.25;
/** After a 503 the rate climbs back to this share of the rate that got it... */
const SETTLE = 0.97;
/** ...and only this long after the last 503 (or probe) tries a little above it. */
const PROBE_ABOVE_AFTER_MS = 30_000;
const PROBE_ABOVE_STEP = 1.05;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One limiter for the whole sender, in tokens per second as Push Kit counts its app QPS. Requests take their tokens
 * from a token bucket (burst: one full request), so they are spread evenly ("平均分配发送
 * 速度", push-scenariozed-api-response, 503). A 503 cuts the rate, empties the bucket and pauses every new request
 * (Retry-After when given); the rate then climbs back to just under where the 503 came and probes above it only now
 * and then. With the limit unknown the rate doubles each second while it is what holds requests back.
 */
export class FlowControl {
  private readonly limit: LimitFunction;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly bucket: TokenBucket;
  /** The rate at which the last 503 came (or the configured threshold), once known. */
  private ceiling?: number;
  private pausedUntil = 0;
  private consecutiveThrottles = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt: number;
  /** A request waited for the bucket since the rate last changed: the rate is what holds sending back. */
  private heldBack = false;
  /** [time, tokens] of the requests Push Kit answered lately (not 503), oldest first. */
  private readonly answered: [number, number][] = [];
  throttles = 0;

  constructor(private readonly options: FlowControlOptions) {
    this.limit = pLimit(options.maxConcurrency);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    const known = options.tokensPerSecond > 0;
    const rate = known ? options.tokensPerSecond : START_TOKENS_PER_SECOND;
    if (known) this.ceiling = rate / SETTLE;
    this.bucket = new TokenBucket(rate, options.burstTokens, this.now);
    this.lastRaiseAt = this.now();
  }

  get tokensPerSecond(): number {
    return Math.round(this.bucket.tokensPerSecond);
  }

  /**
   * Runs `request` for `tokens` push tokens within the concurrency limit, the rate and any shared pause. A waiting
   * request takes its tokens only when the bucket holds them, so a 503's cut or pause holds back every waiting
   * request too, not only those that arrive later.
   */
  run<T>(tokens: number, request: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (;;) {
        const paused = this.pausedUntil - this.now();
        if (paused > 0) {
          await this.sleep(paused);
          continue;
        }
        const wait = this.bucket.tryTake(tokens);
        if (wait === 0) break;
        this.heldBack = true;
        await this.sleep(wait);
      }
      return request();
    });
  }

  /** A 503: Push Kit's flow control. `retryAfterMs` from its Retry-After header, when it sent one. */
  throttled(retryAfterMs?: number): void {
    const now = this.now();
    this.throttles += 1;
    this.consecutiveThrottles += 1;
    // Requests in flight together meet the same overload: one cut for them all.
    if (now - this.lastCutAt >= PROBE_INTERVAL_MS) {
      // The limit is below the rate that got the 503. The first 503 ends a slow start that may have doubled far past
      // it: the limit is then about what Push Kit took over the last seconds. Later ones (a probe, or Push Kit's
      // global flow control) cut by a fifth at most, so that sporadic 503s do not collapse the rate.
      const rate = this.bucket.tokensPerSecond;
      const taken = this.recentlyAnswered(now);
      const floor = this.ceiling === undefined ? LOWEST_CEILING : CUT;
      this.ceiling = Math.max(MIN_TOKENS_PER_SECOND, Math.min(rate, Math.max(taken, rate * floor)));
      this.setRate(Math.max(MIN_TOKENS_PER_SECOND, this.ceiling * CUT));
      this.lastCutAt = now;
    }
    this.bucket.drain();
    const ceiling = Math.min(this.options.maxPauseMs, this.options.basePauseMs * 2 ** (this.consecutiveThrottles - 1));
    const pause = retryAfterMs ?? Math.ceil(this.random() * ceiling);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }

  /** Push Kit answered a request of `tokens` tokens (anything but a 503). */
  succeeded(tokens: number): void {
    this.consecutiveThrottles = 0;
    const now = this.now();
    this.answered.push([now, tokens]);
    while (this.answered.length > 0 && now - this.answered[0][0] >= MEASURE_MS) this.answered.shift();
    const interval = this.ceiling === undefined ? SLOW_START_INTERVAL_MS : PROBE_INTERVAL_MS;
    if (!this.heldBack || now - this.lastRaiseAt < interval) return;
    const rate = this.bucket.tokensPerSecond;
    let next: number | undefined;
    if (this.ceiling === undefined) next = rate * 2;
    else if (rate < this.ceiling * SETTLE) next = Math.min(this.ceiling * SETTLE, rate * 1.25);
    else if (now - Math.max(this.lastCutAt, this.lastProbeAt) >= PROBE_ABOVE_AFTER_MS) {
      next = rate * PROBE_ABOVE_STEP;
      this.ceiling = next / SETTLE;
      this.lastProbeAt = now;
    }
    if (next === undefined) return;
    this.setRate(next);
    this.lastRaiseAt = now;
    this.heldBack = false;
  }

  /** Tokens per second Push Kit took over the last MEASURE_MS. */
  private recentlyAnswered(now: number): number {
    let tokens = 0;
    for (const [at, count] of this.answered) if (now - at < MEASURE_MS) tokens += count;
    return tokens / (MEASURE_MS / 1000);
  }

  private setRate(rate: number): void {
    this.bucket.setRate(rate, this.options.burstTokens);
  }
}
