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

/** A request on its way: when it left and how many push tokens it carries. */
export interface Sent {
  /** Requests are numbered in the order they leave. */
  readonly order: number;
  readonly at: number;
  readonly tokens: number;
  /** Answered 503: Push Kit took none of its tokens. */
  refused: boolean;
  /** Answered, or given up on. */
  settled: boolean;
}

/** Where an unknown limit starts: one full request per second. */
const START_TOKENS_PER_SECOND = 1000;
const MIN_TOKENS_PER_SECOND = 10;
/** While the limit is unknown the rate doubles this often, as long as the sender uses it (slow start). */
const SLOW_START_INTERVAL_MS = 500;
/**
 * The sender uses its rate when it sent at least this share of it since the rate last changed. One that sends less
 * (few requests, or each waiting long for its answer) learns nothing about the limit by going faster.
 */
const USED = 0.75;
/** The rate is this share of the ceiling: the margin keeps the next 503 away. */
const SETTLE = 0.97;
/**
 * Only after this long without a 503 while using its rate does the sender raise the ceiling by PROBE_STEP: the app's
 * QPS threshold changes rarely (it is raised on request in AppGallery Connect), so the sender looks above it only now
 * and then.
 */
const PROBE_AFTER_MS = 20_000;
const PROBE_STEP = 1.03;
/** The ceiling is read from the tokens Push Kit took over windows of up to this long... */
const MEASURE_MS = 30_000;
/** ...and of at least this long: with less to go by, a 503 cuts the rate by CUT. */
const MIN_EVIDENCE_MS = 1000;
const CUT = 0.8;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The requests in flight when a congestion event began: nothing new is sent until they are answered. */
interface Echo {
  pending: Set<Sent>;
  /** The refusal that began the event: the ceiling is read again once the echo is in. */
  refused: Sent;
  /** The number of the first request after the cut before it. */
  since: number;
  answered: Promise<void>;
  resolve: () => void;
}

/**
 * One limiter for the whole sender, in tokens per second as Push Kit counts its app QPS. Requests take their tokens
 * from a token bucket (burst: one full request), so they are spread evenly ("平均分配发送速度",
 * push-scenariozed-api-response, 503).
 *
 * A 503 is a congestion event. It sets the ceiling to what Push Kit demonstrably took (`demonstratedRate`) and the
 * rate to SETTLE of it, empties the bucket and pauses every new request: for Retry-After (when given), and until every
 * request in flight at the cut has been answered, since Push Kit counts those against the allowance it refills
 * during the pause. Every 503 of a request sent before the cut is part of the same event. The rate then stays; only
 * after PROBE_AFTER_MS without a 503 does the ceiling rise by PROBE_STEP. With the limit unknown the rate doubles
 * every SLOW_START_INTERVAL_MS while the sender uses it.
 */
export class FlowControl {
  private readonly limit: LimitFunction;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly bucket: TokenBucket;
  /** The rate Push Kit is known to take (or the configured threshold), once known. */
  private ceiling?: number;
  private pausedUntil = 0;
  private echo?: Echo;
  private consecutiveThrottles = 0;
  /** The first request sent after the last cut. */
  private firstAfterCut = 0;
  private sentCount = 0;
  /** Since when the sender has gone without a 503 or a probe. */
  private quietSince: number;
  private changedAt: number;
  /** Tokens sent since the rate last changed. */
  private sentSinceChange = 0;
  /** Push Kit answered a request since the rate last changed: the rate is not too much, as far as is known. */
  private answeredSinceChange = false;
  /** The requests sent over the last MEASURE_MS, answered or in flight, oldest first. */
  private readonly sent: Sent[] = [];
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
    this.changedAt = this.quietSince = this.now();
  }

  get tokensPerSecond(): number {
    return Math.round(this.bucket.tokensPerSecond);
  }

  /**
   * Runs `request` for `tokens` push tokens within the concurrency limit, the rate and any shared pause; `request`
   * gets the record of its sending, which `throttled` takes. A waiting request takes its tokens only when the bucket
   * holds them, so a 503's cut or pause holds back every waiting request too, not only those that arrive later.
   * `request` reports its 503 with `throttled` before it returns: once it returns it is settled, and a request waiting
   * for its answer (the echo of a cut) may leave at once and would miss the pause, while the ceiling read from the
   * echo would count the refused request as taken.
   */
  run<T>(tokens: number, request: (sent: Sent) => Promise<T>): Promise<T> {
    return this.limit(async () => {
      for (;;) {
        const paused = this.pausedUntil - this.now();
        if (paused > 0) {
          await this.sleep(paused);
          continue;
        }
        if (this.echo) {
          await this.echo.answered;
          continue;
        }
        const wait = this.bucket.tryTake(tokens);
        if (wait === 0) break;
        if (this.raise(this.now())) continue;
        // In a slow start the rate may double before the bucket holds enough at the current one.
        await this.sleep(this.ceiling === undefined ? Math.min(wait, SLOW_START_INTERVAL_MS) : wait);
      }
      const sent: Sent = { order: this.sentCount++, at: this.now(), tokens, refused: false, settled: false };
      this.sent.push(sent);
      while (sent.at - this.sent[0].at > MEASURE_MS) this.sent.shift();
      this.sentSinceChange += tokens;
      try {
        return await request(sent);
      } finally {
        this.settle(sent);
      }
    });
  }

  /** A 503, Push Kit's flow control; `retryAfterMs` from its Retry-After header, when it sent one. */
  throttled(sent: Sent, retryAfterMs?: number): void {
    const now = this.now();
    sent.refused = true;
    this.throttles += 1;
    this.consecutiveThrottles += 1;
    if (sent.order >= this.firstAfterCut) this.cut(now, sent);
    this.bucket.drain();
    const ceiling = Math.min(this.options.maxPauseMs, this.options.basePauseMs * 2 ** (this.consecutiveThrottles - 1));
    const pause = retryAfterMs ?? Math.ceil(this.random() * ceiling);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }

  /** Push Kit answered a request (anything but a 503). */
  succeeded(): void {
    this.consecutiveThrottles = 0;
    this.answeredSinceChange = true;
    this.raise(this.now());
  }

  private settle(sent: Sent): void {
    sent.settled = true;
    const echo = this.echo;
    if (echo?.pending.delete(sent) && echo.pending.size === 0) {
      // Now that Push Kit has answered them, the requests counted as taken at the cut are known.
      const demonstrated = this.demonstratedRate(echo.refused, echo.since);
      if (demonstrated !== undefined && this.ceiling !== undefined && demonstrated < this.ceiling) {
        this.ceiling = Math.max(MIN_TOKENS_PER_SECOND, demonstrated);
        this.setRate(this.ceiling * SETTLE, this.now());
      }
      this.echo = undefined;
      echo.resolve();
    }
  }

  /** Raises the rate if the sender uses it and it is time; true if it did. */
  private raise(now: number): boolean {
    if (!this.answeredSinceChange) return false;
    const elapsed = now - this.changedAt;
    if (this.sentSinceChange < USED * this.bucket.tokensPerSecond * (elapsed / 1000)) return false;
    if (this.ceiling === undefined) {
      if (elapsed < SLOW_START_INTERVAL_MS) return false;
      this.setRate(this.bucket.tokensPerSecond * 2, now);
    } else {
      if (now - this.quietSince < PROBE_AFTER_MS) return false;
      this.ceiling *= PROBE_STEP;
      this.setRate(this.ceiling * SETTLE, now);
      this.quietSince = now;
    }
    return true;
  }

  /**
   * The first 503 of a congestion event. The limit is below the rate that got it, which after a slow start may be far
   * past it: the ceiling is what Push Kit demonstrably took instead, never more than that rate. Requests still in
   * flight are counted as taken; once they are all answered, the ceiling is read again from what Push Kit said.
   */
  private cut(now: number, refused: Sent): void {
    const rate = this.bucket.tokensPerSecond;
    const demonstrated = this.demonstratedRate(refused, this.firstAfterCut);
    const ceiling =
      demonstrated === undefined ? Math.min(rate, this.ceiling ?? rate) * CUT : Math.min(rate, demonstrated);
    this.ceiling = Math.max(MIN_TOKENS_PER_SECOND, ceiling);
    this.setRate(Math.max(MIN_TOKENS_PER_SECOND, this.ceiling * SETTLE), now);
    const pending = new Set(this.sent.filter((sent) => !sent.settled && sent !== refused));
    if (pending.size > 0 && this.echo === undefined) {
      let resolve = () => {};
      const answered = new Promise<void>((done) => (resolve = done));
      this.echo = { pending, refused, since: this.firstAfterCut, answered, resolve };
    }
    this.quietSince = now;
    this.firstAfterCut = this.sentCount;
  }

  /**
   * The rate Push Kit took until it refused `refused`, when its allowance was spent, from requests sent since the one
   * numbered `since` (the first after the cut before); undefined with less than MIN_EVIDENCE_MS of sending to go by.
   * Push Kit counts devices per second (push-msg-freq-control), so over any s seconds it takes at most s + 1 seconds'
   * worth: the second under way when the window opened is the most it can have carried over (or one full request,
   * when that is more). The tokens of the requests sent in the s seconds before the refused one and not refused
   * themselves (answered, or still in flight: Push Kit took those first) are thus about s + 1 seconds' worth over a
   * window in which the sender went faster than the limit, and less over any other; the estimate is the largest over
   * windows up to MEASURE_MS. What was left when the refused request came is between nothing and that request: half
   * of it counts as taken.
   */
  private demonstratedRate(refused: Sent, since: number): number | undefined {
    let best = 0;
    let first = refused.at;
    let tokens = refused.tokens / 2;
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const { order, at, tokens: count, refused: alsoRefused } = this.sent[i];
      if (order < since) break;
      // Stryker disable next-line EqualityOperator: `refused` itself is skipped as refused (throttled marks it first)
      if (alsoRefused || order >= refused.order) continue;
      first = at;
      tokens += count;
      const seconds = (refused.at - at) / 1000;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: at 0 s the window's rate is -Infinity, no best: requests leaving at one instant fit one burst
      if (seconds <= 0) continue;
      const carried = Math.max(tokens / (seconds + 1), this.options.burstTokens);
      best = Math.max(best, (tokens - carried) / seconds);
    }
    return refused.at - first >= MIN_EVIDENCE_MS ? best : undefined;
  }

  private setRate(rate: number, now: number): void {
    this.bucket.setRate(rate, this.options.burstTokens);
    this.changedAt = now;
    this.sentSinceChange = 0;
    this.answeredSinceChange = false;
  }
}
