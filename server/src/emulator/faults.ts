import { z } from 'zod';
import { TokenBucket } from '../pushkit/token-bucket';
import { EMULATOR_BURST_TOKENS } from '../pushkit/spec-choices';

/** Failure modes set per run: through buildEmulator's options, EMULATOR_FAULTS or `POST /emulator/faults`. */
export const faultSettings = z.strictObject({
  /** Share of send requests answered with one of `errorStatuses`. */
  errorRate: z.number().min(0).max(1).default(0),
  errorStatuses: z
    .array(z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]))
    .min(1)
    .default([500, 502, 503]),
  /** Added before every send answer. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of send requests whose connection is destroyed without an answer. */
  dropRate: z.number().min(0).max(1).default(0),
  /**
   * Push tokens per second above which the answer is 503, as Push Kit counts its app QPS ("每秒推送的设备个数",
   * push-msg-freq-control); 0: no limit.
   */
  qpsLimit: z.number().int().min(0).default(0)
});

export type Faults = z.output<typeof faultSettings>;
export type FaultSettings = z.input<typeof faultSettings>;
export type ErrorStatus = Faults['errorStatuses'][number];

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'status'; status: ErrorStatus };

/** A request over the QPS limit: come back after `retryAfterSeconds`. */
export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** Decides, per send request, whether it meets a fault, and whether its tokens fit the QPS limit. */
export class FaultInjector {
  private faults: Faults;
  private bucket?: TokenBucket;

  constructor(
    settings: FaultSettings,
    private readonly now: () => number,
    private readonly random: () => number
  ) {
    this.faults = this.set(settings);
  }

  get current(): Faults {
    return this.faults;
  }

  set(settings: FaultSettings): Faults {
    this.faults = faultSettings.parse(settings);
    const limit = this.faults.qpsLimit;
    this.bucket = limit > 0 ? new TokenBucket(limit, Math.max(limit, EMULATOR_BURST_TOKENS), this.now) : undefined;
    return this.faults;
  }

  decide(): FaultDecision {
    const draw = this.random();
    if (draw < this.faults.dropRate) return { kind: 'drop' };
    if (draw < this.faults.dropRate + this.faults.errorRate) {
      const statuses = this.faults.errorStatuses;
      return { kind: 'status', status: statuses[Math.floor(this.random() * statuses.length)] };
    }
    return { kind: 'none' };
  }

  /** Whether a request of `tokens` push tokens fits the QPS limit now; a refused one uses none of it. */
  admit(tokens: number): Admission {
    const wait = this.bucket?.tryTake(tokens) ?? 0;
    return wait === 0 ? { admitted: true } : { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }
}
