import { z } from 'zod';

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
  /** Send requests per second above which the answer is 503 (Push Kit's flow control); 0: no limit. */
  qpsLimit: z.number().int().min(0).default(0)
});

export type Faults = z.output<typeof faultSettings>;
export type FaultSettings = z.input<typeof faultSettings>;
export type ErrorStatus = Faults['errorStatuses'][number];

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'status'; status: ErrorStatus };

/** Decides, per send request, whether it meets a fault. */
export class FaultInjector {
  private faults: Faults;
  private windowSecond = -1;
  private windowCount = 0;

  constructor(
    settings: FaultSettings,
    private readonly now: () => number,
    private readonly random: () => number
  ) {
    this.faults = faultSettings.parse(settings);
  }

  get current(): Faults {
    return this.faults;
  }

  set(settings: FaultSettings): Faults {
    this.faults = faultSettings.parse(settings);
    return this.faults;
  }

  decide(): FaultDecision {
    if (this.overQps()) return { kind: 'status', status: 503 };
    const draw = this.random();
    if (draw < this.faults.dropRate) return { kind: 'drop' };
    if (draw < this.faults.dropRate + this.faults.errorRate) {
      const statuses = this.faults.errorStatuses;
      return { kind: 'status', status: statuses[Math.floor(this.random() * statuses.length)] };
    }
    return { kind: 'none' };
  }

  /** Fixed one-second windows; every request counts, including those answered 503. */
  private overQps(): boolean {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    return this.faults.qpsLimit > 0 && this.windowCount > this.faults.qpsLimit;
  }
}
