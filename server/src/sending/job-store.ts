import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/transaction';
import type { PushType, SendBatch, SendRequest, SendTarget } from '@harmony-push/shared';

/** What a worker needs to send one batch of a job. */
export interface JobBatch {
  sendId: string;
  seq: number;
  pushType: PushType;
  message: Pick<SendRequest, 'payload' | 'pushOptions'>;
  target: SendTarget;
  afterId: string | null;
  lastId: string | null;
  tokens: string[] | null;
}

export interface BatchCounts {
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  errors: number;
}

export interface JobPlan {
  state: string;
  target: SendTarget;
  plannedThrough: string;
  planningDone: boolean;
  batchesTotal: number;
}

/** The batch records of broadcast jobs: what is planned, started and done. */
export class JobStore {
  constructor(private readonly pool: Pool) {}

  async plan(sendId: string): Promise<JobPlan | undefined> {
    const { rows } = await this.pool.query(
      `UPDATE sends SET state = CASE WHEN state = 'queued' THEN 'sending' ELSE state END WHERE id = $1
       RETURNING state, target, planned_through, planning_done, batches_total`,
      [sendId]
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      state: row.state,
      target: row.target as SendTarget,
      plannedThrough: String(row.planned_through),
      planningDone: row.planning_done,
      batchesTotal: row.batches_total
    };
  }

  /** Records one more planned batch and advances the plan, on the caller's transaction. */
  async addBatch(
    client: PoolClient,
    sendId: string,
    seq: number,
    batch: { afterId: string; lastId: string } | { tokens: string[] }
  ): Promise<void> {
    const range = 'tokens' in batch ? [null, null, batch.tokens] : [batch.afterId, batch.lastId, null];
    await client.query(
      `INSERT INTO send_batches (send_id, seq, after_id, last_id, tokens) VALUES ($1, $2, $3, $4, $5)`,
      [sendId, seq, ...range]
    );
    await client.query(
      `UPDATE sends SET batches_total = $2, planned_through = coalesce($3, planned_through) WHERE id = $1`,
      [sendId, seq + 1, 'tokens' in batch ? null : batch.lastId]
    );
  }

  async finishPlanning(sendId: string): Promise<void> {
    await this.pool.query('UPDATE sends SET planning_done = true WHERE id = $1', [sendId]);
    await this.completeIfDone(this.pool, sendId);
  }

  /**
   * Marks a batch started, unless its send is no longer running or the batch is already done. The send row is
   * share-locked meanwhile, so a cancel waits for this and no batch starts once the cancel has returned.
   */
  async startBatch(sendId: string, seq: number): Promise<JobBatch | 'done' | 'stopped'> {
    return inTransaction(this.pool, async (client) => {
      const send = await client.query(
        'SELECT state, push_type, message, target FROM sends WHERE id = $1 FOR SHARE',
        [sendId]
      );
      const row = send.rows[0];
      if (!row || row.state !== 'sending') {
        await client.query(
          `UPDATE send_batches SET state = 'cancelled' WHERE send_id = $1 AND seq = $2 AND state = 'pending'`,
          [sendId, seq]
        );
        return 'stopped';
      }
      const batch = await client.query(
        `UPDATE send_batches SET state = 'started', starts = starts + 1, started_at = now()
          WHERE send_id = $1 AND seq = $2 AND state IN ('pending', 'started')
          RETURNING after_id, last_id, tokens`,
        [sendId, seq]
      );
      if (batch.rows.length === 0) return 'done';
      const b = batch.rows[0];
      return {
        sendId,
        seq,
        pushType: row.push_type as PushType,
        message: row.message,
        target: row.target as SendTarget,
        afterId: b.after_id === null ? null : String(b.after_id),
        lastId: b.last_id === null ? null : String(b.last_id),
        tokens: b.tokens
      };
    });
  }

  /** Records a batch's outcome and adds it to the send's counts, completing the send with its last batch. */
  async finishBatch(batch: JobBatch, counts: BatchCounts, report: SendBatch): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const done = await client.query(
        `UPDATE send_batches SET state = 'done', done_at = now(), requested = $3, accepted = $4, failed = $5,
                skipped = $6, errors = $7, report = $8
          WHERE send_id = $1 AND seq = $2 AND state = 'started'`,
        [batch.sendId, batch.seq, counts.requested, counts.accepted, counts.failed, counts.skipped, counts.errors, JSON.stringify(report)]
      );
      if (done.rowCount === 0) return;
      await client.query(
        `UPDATE sends SET requested = requested + $2, accepted = accepted + $3, failed = failed + $4,
                skipped = skipped + $5, errors = errors + $6, batches_done = batches_done + 1
          WHERE id = $1`,
        [batch.sendId, counts.requested, counts.accepted, counts.failed, counts.skipped, counts.errors]
      );
      await this.completeIfDone(client, batch.sendId);
    });
  }

  private async completeIfDone(db: Pool | PoolClient, sendId: string): Promise<void> {
    await db.query(
      `UPDATE sends SET state = 'completed', completed_at = now()
        WHERE id = $1 AND state = 'sending' AND planning_done AND batches_done = batches_total`,
      [sendId]
    );
  }
}
