import { testMessageDay } from '../pushkit/spec-choices';

/**
 * Huawei's test-message quota: successful test requests per project per day, shared by all devices; past it, test
 * messages are throttled until the next day with receipt 256 (push-msg-freq-control, push-msg-receipt). What counts
 * and where a day ends are the choices recorded in spec-choices (TEST_MESSAGES_PER_DAY, testMessageDay).
 */
export class TestMessageQuota {
  private day = '';
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number
  ) {}

  /** Counts one accepted test request; false when it is past the day's quota. */
  take(): boolean {
    const day = testMessageDay(this.now());
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    this.used += 1;
    return this.used <= this.limit;
  }
}
