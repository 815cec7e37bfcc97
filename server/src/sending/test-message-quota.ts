import type { Pool } from 'pg';
import sql from 'sql-template-tag';
import type { TestMessageQuota } from '@harmony-push/shared';
import { TEST_MESSAGES_PER_DAY, testMessageDay } from '../pushkit/spec-choices';

/**
 * The one owner of `test_message_days`: successful test-message requests per quota day, against Huawei's 1000 per
 * project per day (push-msg-freq-control). What counts and where a day ends are in spec-choices.ts.
 */
export class TestMessageQuotaRepository {
  constructor(
    private readonly pool: Pool,
    /** Milliseconds since the epoch; tests move it. */
    private readonly now: () => number = Date.now
  ) {}

  /** Adds `requests` successful test requests to today's count. */
  async record(requests: number): Promise<void> {
    if (requests <= 0) return;
    await this.pool.query(sql`
      INSERT INTO test_message_days (day, requests) VALUES (${testMessageDay(this.now())}, ${requests})
      ON CONFLICT (day) DO UPDATE SET requests = test_message_days.requests + EXCLUDED.requests`);
  }

  async today(): Promise<TestMessageQuota> {
    const day = testMessageDay(this.now());
    const { rows } = await this.pool.query<{ requests: number }>(sql`SELECT requests FROM test_message_days WHERE day = ${day}`);
    return { day, used: rows[0]?.requests ?? 0, limit: TEST_MESSAGES_PER_DAY };
  }
}
