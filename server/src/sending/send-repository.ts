import type { Pool, PoolClient } from 'pg';
import sql from 'sql-template-tag';
import {
  noDeliveries,
  SendState,
  TokenResultStatus,
  type ConfigurationProblem,
  type PushType,
  type SendBatch,
  type SendResponse,
  type SendTarget,
  type SendWarning,
  type TokenResult
} from '@harmony-push/shared';
import { inTransaction } from '../db/transaction';
import * as history from './history';
import type { OutcomeCounts } from '../pushkit/outcomes';
import type { OutgoingMessage } from '../pushkit/sender';

/** How long an Idempotency-Key replays its send instead of sending again. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/** The tokens of one broadcast batch: given tokens, or the active registry tokens with afterId < id ≤ lastId. */
export type BatchRange = { kind: 'tokens'; tokens: string[] } | { kind: 'registry'; afterId: string; lastId: string };

/** States of a row of send_batches. */
export enum BatchState {
  PENDING = 'pending',
  STARTED = 'started',
  DONE = 'done',
  CANCELLED = 'cancelled'
}

/** A row of `sends`, as stored. */
export interface SendRow {
  id: string;
  push_type: number;
  state: SendState;
  message: Pick<OutgoingMessage, 'payload' | 'pushOptions'>;
  target: SendTarget | null;
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  unknown: number;
  batches_done: number;
  batches_total: number;
  planned_through: string;
  planning_done: boolean;
  results: TokenResult[];
  batches: SendBatch[];
  configuration_errors: ConfigurationProblem[];
  warnings: SendWarning[];
  failure_reason: string | null;
  /** The SHA-256 of the request its Idempotency-Key was first used with; NULL for sends recorded before digests. */
  request_digest: string | null;
  /** The notifyId revoke can name: assigned by the server, or the caller's own (0..2147483647). */
  notify_id: number | null;
  details_pruned_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
}

/** A row of `send_batches`; exactly one of `tokens` and the id pair is set (a CHECK constraint). */
interface BatchRow {
  after_id: string | null;
  last_id: string | null;
  tokens: string[] | null;
}

function rangeOf(row: BatchRow): BatchRange {
  return row.tokens !== null
    ? { kind: 'tokens', tokens: row.tokens }
    : { kind: 'registry', afterId: String(row.after_id), lastId: String(row.last_id) };
}

function toResponse(row: SendRow): SendResponse {
  const response: SendResponse = {
    sendId: row.id,
    pushType: row.push_type as PushType,
    state: row.state,
    batchesDone: row.batches_done,
    batchesTotal: row.batches_total,
    requested: row.requested,
    accepted: row.accepted,
    failed: row.failed,
    skipped: row.skipped,
    unknown: row.unknown,
    results: row.results,
    batches: row.batches,
    configurationErrors: row.configuration_errors,
    warnings: row.warnings,
    delivery: noDeliveries(row.accepted),
    createdAt: row.created_at.toISOString()
  };
  if (row.notify_id !== null) response.notifyId = row.notify_id;
  if (row.failure_reason !== null) response.failureReason = row.failure_reason;
  if (row.completed_at) response.completedAt = row.completed_at.toISOString();
  if (row.details_pruned_at) response.detailsPrunedAt = row.details_pruned_at.toISOString();
  return response;
}

export interface NewSend {
  sendId: string;
  message: OutgoingMessage;
  /** The caller's Idempotency-Key, bound to the digest of the request it came with (./request-digest). */
  idempotency?: { key: string; requestDigest: string };
  warnings: SendWarning[];
  /** The notifyId the message carries that revoke can name. */
  notifyId?: number;
  /** Set for a broadcast job: the target its planner reads. */
  job?: { target: SendTarget };
}

/** A new send, or the one recorded earlier under the same idempotency key and whether its request was the same. */
export type SendStart = { started: true; sendId: string } | { started: false; existing: SendResponse; sameRequest: boolean };

/** The end of an immediate send. */
export interface SendOutcome extends OutcomeCounts {
  state: SendState.COMPLETED | SendState.FAILED;
  results: TokenResult[];
  /** The token of each result, in the same order (results show them masked); kept so receipts find their result. */
  tokens: string[];
  batches: SendBatch[];
  configurationErrors: ConfigurationProblem[];
  failureReason?: string;
}

/** What revoke needs of a send: immediate sends name their accepted tokens, broadcasts their batches. */
export interface RevocableSend {
  pushType: PushType;
  state: SendState;
  notifyId?: number;
  /** Set for a broadcast job. */
  target?: SendTarget;
  acceptedTokens: string[];
}

export interface Plan {
  pushType: PushType;
  state: SendState;
  target: SendTarget;
  plannedThrough: string;
  planningDone: boolean;
  batchesTotal: number;
}

/** A batch a worker holds the lease of: what it sends, to whom. */
export interface StartedBatch {
  sendId: string;
  seq: number;
  message: OutgoingMessage;
  target: SendTarget;
  range: BatchRange;
}

export type BatchStart =
  | { kind: 'started'; batch: StartedBatch }
  /** Recorded done (or cancelled) already: nothing to send. */
  | { kind: 'done' }
  /** The send is no longer running. */
  | { kind: 'stopped' }
  /** Another live worker holds the batch's lease. */
  | { kind: 'busy' };

/** The requestIds of Push Kit's answers (a request without an answer has none). */
const requestIdsOf = (batches: SendBatch[]): string[] => batches.map((batch) => batch.requestId).filter((id) => id !== '');

/**
 * The one owner of `sends`, `send_batches` and `send_requests` (every Push Kit request's requestId, by which a
 * receipt finds its send): every statement on them is here or in ./history (the admin views), but for
 * `sends.delivery_counts`, the counts of pruned receipts, which the receipt repository keeps. A send's counts grow
 * only through `complete` (immediate sends) or `finishBatch` (broadcasts), so `accepted + failed + skipped + unknown = requested`.
 */
export class SendRepository {
  constructor(private readonly pool: Pool) {}

  history = (query: Parameters<typeof history.history>[1]) => history.history(this.pool, query);
  activity = (hours: number) => history.activity(this.pool, hours);
  acceptedByDay = (days: number) => history.acceptedByDay(this.pool, days);
  recentConfigurationProblems = (limit: number) => history.recentConfigurationProblems(this.pool, limit);
  sendsToToken = (token: string, limit: number) => history.sendsToToken(this.pool, token, limit);

  /**
   * Records a new send: immediate (`sending`), or a broadcast job (`queued`, with the target its planner reads, and
   * `enqueue` called on the same transaction so the row never exists without its job). With an idempotency key
   * already used within the window nothing is recorded and the earlier send comes back; an older key is released.
   */
  async start(send: NewSend, enqueue?: (client: PoolClient) => Promise<void>): Promise<SendStart> {
    return inTransaction(this.pool, async (client) => {
      const idempotencyKey = send.idempotency?.key;
      if (idempotencyKey !== undefined) {
        await client.query(
          `UPDATE sends SET idempotency_key = NULL
            WHERE idempotency_key = $1 AND created_at < now() - make_interval(hours => $2)`,
          [idempotencyKey, IDEMPOTENCY_WINDOW_HOURS]
        );
      }
      const inserted = await client.query(
        `INSERT INTO sends (id, push_type, state, message, idempotency_key, target, warnings, request_digest, notify_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
        [
          send.sendId,
          send.message.pushType,
          send.job ? SendState.QUEUED : SendState.SENDING,
          JSON.stringify({ payload: send.message.payload, pushOptions: send.message.pushOptions }),
          idempotencyKey ?? null,
          send.job ? JSON.stringify(send.job.target) : null,
          JSON.stringify(send.warnings),
          send.idempotency?.requestDigest ?? null,
          send.notifyId ?? null
        ]
      );
      if (inserted.rowCount === 1) {
        if (send.job && enqueue) await enqueue(client);
        return { started: true, sendId: send.sendId };
      }
      const existing = await client.query<SendRow>('SELECT * FROM sends WHERE idempotency_key = $1', [idempotencyKey]);
      const row = existing.rows[0];
      // Sends recorded before digests were kept replay as they always did.
      const sameRequest = row.request_digest === null || row.request_digest === send.idempotency?.requestDigest;
      return { started: false, existing: toResponse(row), sameRequest };
    });
  }

  /** Stores the end of an immediate send. */
  async complete(sendId: string, outcome: SendOutcome): Promise<SendResponse> {
    const result = await this.pool.query<SendRow>(
      `WITH requests AS (
         INSERT INTO send_requests (request_id, send_id) SELECT unnest($12::text[]), $1 ON CONFLICT DO NOTHING)
       UPDATE sends SET state = $2, requested = $3, accepted = $4, failed = $5, skipped = $6, unknown = $7,
              results = $8, batches = $9, configuration_errors = $10, failure_reason = $11, completed_at = now(),
              batches_done = jsonb_array_length($9), batches_total = jsonb_array_length($9), planning_done = true,
              tokens = $13
        WHERE id = $1 RETURNING *`,
      [
        sendId,
        outcome.state,
        outcome.requested,
        outcome.accepted,
        outcome.failed,
        outcome.skipped,
        outcome.unknown,
        JSON.stringify(outcome.results),
        JSON.stringify(outcome.batches),
        JSON.stringify(outcome.configurationErrors),
        outcome.failureReason ?? null,
        requestIdsOf(outcome.batches),
        outcome.tokens
      ]
    );
    return toResponse(result.rows[0]);
  }

  /** The next notifyId of the `send_notify_ids` sequence (it wraps after 2147483647). */
  async nextNotifyId(): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(`SELECT nextval('send_notify_ids')::int AS id`);
    return rows[0].id;
  }

  /** What revoke needs of a send, or undefined when there is none. */
  async revocable(sendId: string): Promise<RevocableSend | undefined> {
    const { rows } = await this.pool.query<Pick<SendRow, 'push_type' | 'state' | 'notify_id' | 'target' | 'results'> & { tokens: string[] | null }>(
      'SELECT push_type, state, notify_id, target, results, tokens FROM sends WHERE id = $1',
      [sendId]
    );
    const row = rows[0];
    if (!row) return undefined;
    // An immediate send's results are in the order of its tokens.
    const acceptedTokens = (row.tokens ?? []).filter((_, i) => row.results[i]?.status === TokenResultStatus.ACCEPTED);
    return {
      pushType: row.push_type as PushType,
      state: row.state,
      ...(row.notify_id === null ? {} : { notifyId: row.notify_id }),
      ...(row.target === null ? {} : { target: row.target }),
      acceptedTokens
    };
  }

  /**
   * The ranges of a broadcast's batches that may have reached Push Kit (done, or started by a worker that stopped),
   * in order; pending and cancelled batches sent nothing.
   */
  async sentRanges(sendId: string): Promise<BatchRange[]> {
    const { rows } = await this.pool.query<BatchRow>(
      'SELECT after_id, last_id, tokens FROM send_batches WHERE send_id = $1 AND state = ANY($2) ORDER BY seq',
      [sendId, [BatchState.DONE, BatchState.STARTED]]
    );
    return rows.map(rangeOf);
  }

  /** A send as it stands; a job's batches come from its batch records, in order. */
  async get(sendId: string): Promise<SendResponse | undefined> {
    const result = await this.pool.query<SendRow>(
      `SELECT s.*, CASE WHEN s.target IS NULL THEN s.batches ELSE
                (SELECT coalesce(jsonb_agg(b.report ORDER BY b.seq), '[]') FROM send_batches b
                  WHERE b.send_id = s.id AND b.report IS NOT NULL) END AS batches
         FROM sends s WHERE s.id = $1`,
      [sendId]
    );
    return result.rows[0] ? toResponse(result.rows[0]) : undefined;
  }

  /** The tokens of an immediate send, in the order of its results; empty for a broadcast. */
  async tokensOf(sendId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ tokens: string[] | null }>('SELECT tokens FROM sends WHERE id = $1', [sendId]);
    return rows[0]?.tokens ?? [];
  }

  /**
   * Stops a queued or running job between batches. The row lock waits for batches being started right now, so
   * once this returns no further batch starts.
   */
  async cancel(sendId: string): Promise<void> {
    await this.pool.query(
      `UPDATE sends SET state = $2, completed_at = now() WHERE id = $1 AND state = ANY($3)`,
      [sendId, SendState.CANCELLED, [SendState.QUEUED, SendState.SENDING]]
    );
  }

  /** Ends a running send as failed, keeping what its batches recorded. */
  async fail(sendId: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE sends SET state = $2, failure_reason = $3, completed_at = now() WHERE id = $1 AND state = ANY($4)`,
      [sendId, SendState.FAILED, reason, [SendState.QUEUED, SendState.SENDING]]
    );
  }

  /**
   * Immediate sends still `sending` after the longest an immediate send can take were cut off by a crash: they are
   * failed, never sent again. Returns how many.
   */
  async failInterrupted(olderThanSeconds: number): Promise<number> {
    const result = await this.pool.query(
      `UPDATE sends SET state = $1, completed_at = now(),
              failure_reason = 'interrupted: the process stopped mid-send; Push Kit may have taken some tokens'
        WHERE state = $2 AND target IS NULL AND created_at < now() - make_interval(secs => $3)`,
      [SendState.FAILED, SendState.SENDING, olderThanSeconds]
    );
    return result.rowCount ?? 0;
  }

  /** Marks a job running and returns how far its planning got. */
  async beginPlanning(sendId: string): Promise<Plan | undefined> {
    const { rows } = await this.pool.query<SendRow>(
      `UPDATE sends SET state = CASE WHEN state = $2 THEN $3 ELSE state END WHERE id = $1 RETURNING *`,
      [sendId, SendState.QUEUED, SendState.SENDING]
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      pushType: row.push_type as PushType,
      state: row.state,
      target: row.target ?? {},
      plannedThrough: String(row.planned_through),
      planningDone: row.planning_done,
      batchesTotal: row.batches_total
    };
  }

  /**
   * Records planned batches `seq`, `seq + 1`... and advances the plan, in one statement on the caller's transaction.
   * Given tokens travel as JSON: node-postgres would turn an array of arrays into one two-dimensional array.
   */
  async addBatches(client: PoolClient, sendId: string, seq: number, ranges: BatchRange[]): Promise<void> {
    const registry = (range: BatchRange) => (range.kind === 'registry' ? range : undefined);
    const afterIds = ranges.map((range) => registry(range)?.afterId ?? null);
    const lastIds = ranges.map((range) => registry(range)?.lastId ?? null);
    const tokens = ranges.map((range) => (range.kind === 'tokens' ? JSON.stringify(range.tokens) : null));
    const plannedThrough = registry(ranges[ranges.length - 1])?.lastId ?? null;
    await client.query(sql`
      WITH batches AS (
         INSERT INTO send_batches (send_id, seq, after_id, last_id, tokens)
         SELECT ${sendId}::uuid, ${seq}::int + n - 1, after_id, last_id,
                CASE WHEN tokens IS NOT NULL THEN ARRAY(
                  SELECT token FROM jsonb_array_elements_text(tokens::jsonb) WITH ORDINALITY AS t(token, i) ORDER BY i) END
           FROM unnest(${afterIds}::bigint[], ${lastIds}::bigint[], ${tokens}::text[]) WITH ORDINALITY AS b(after_id, last_id, tokens, n))
       UPDATE sends SET batches_total = ${seq + ranges.length}, planned_through = coalesce(${plannedThrough}, planned_through)
        WHERE id = ${sendId}`);
  }

  async finishPlanning(sendId: string): Promise<void> {
    await this.pool.query('UPDATE sends SET planning_done = true WHERE id = $1', [sendId]);
    await this.completeIfDone(sendId);
  }

  /**
   * Takes a batch's lease for `leaseSeconds`, unless its send is no longer running, the batch is finished, or a live
   * worker holds it (its lease has not run out). One statement: the send row is share-locked while it runs, so a
   * cancel waits for it and no batch starts once the cancel has returned.
   */
  async startBatch(sendId: string, seq: number, leaseSeconds: number): Promise<BatchStart> {
    const { rows } = await this.pool.query<
      Pick<SendRow, 'push_type' | 'message' | 'target' | 'state'> & BatchRow & { taken: boolean; batch_state: BatchState | null }
    >(
      `WITH send AS (SELECT push_type, message, target, state FROM sends WHERE id = $1 FOR SHARE),
            taken AS (
              UPDATE send_batches SET state = $3, starts = starts + 1, started_at = now(),
                     lease_until = now() + make_interval(secs => $4)
               WHERE send_id = $1 AND seq = $2 AND (SELECT state FROM send) = $6
                 AND (state = $5 OR (state = $3 AND coalesce(lease_until, '-infinity') < now()))
               RETURNING after_id, last_id, tokens)
       SELECT send.*, taken.*, taken.tokens IS NOT NULL OR taken.after_id IS NOT NULL AS taken,
              (SELECT state FROM send_batches WHERE send_id = $1 AND seq = $2) AS batch_state
         FROM send LEFT JOIN taken ON true`,
      [sendId, seq, BatchState.STARTED, leaseSeconds, BatchState.PENDING, SendState.SENDING]
    );
    const row = rows[0];
    if (!row || row.state !== SendState.SENDING) {
      await this.pool.query(`UPDATE send_batches SET state = $3 WHERE send_id = $1 AND seq = $2 AND state = $4`, [
        sendId,
        seq,
        BatchState.CANCELLED,
        BatchState.PENDING
      ]);
      return { kind: 'stopped' };
    }
    if (!row.taken) return row.batch_state === BatchState.STARTED ? { kind: 'busy' } : { kind: 'done' };
    const message = { pushType: row.push_type as PushType, ...row.message } as OutgoingMessage;
    return { kind: 'started', batch: { sendId, seq, message, target: row.target ?? {}, range: rangeOf(row) } };
  }

  /** Extends the lease of a batch its worker is still sending. */
  async renewLease(sendId: string, seq: number, leaseSeconds: number): Promise<void> {
    await this.pool.query(
      `UPDATE send_batches SET lease_until = now() + make_interval(secs => $3) WHERE send_id = $1 AND seq = $2 AND state = $4`,
      [sendId, seq, leaseSeconds, BatchState.STARTED]
    );
  }

  /**
   * Records a batch's outcome and adds it to the send's counts, completing the send with its last batch: one
   * statement, so a batch's record and the send's counts never disagree.
   */
  async finishBatch(batch: StartedBatch, counts: OutcomeCounts, report: SendBatch): Promise<void> {
    await this.pool.query(
      `WITH done AS (
         UPDATE send_batches SET state = $3, done_at = now(), lease_until = NULL, requested = $4, accepted = $5,
                failed = $6, skipped = $7, unknown = $8, report = $9
          WHERE send_id = $1 AND seq = $2 AND state = $10
          RETURNING send_id),
       requests AS (
         INSERT INTO send_requests (request_id, send_id) SELECT unnest($13::text[]), send_id FROM done ON CONFLICT DO NOTHING)
       UPDATE sends SET requested = requested + $4, accepted = accepted + $5, failed = failed + $6,
              skipped = skipped + $7, unknown = unknown + $8, batches_done = batches_done + 1,
              state = CASE WHEN state = $11 AND planning_done AND batches_done + 1 = batches_total THEN $12 ELSE state END,
              completed_at = CASE WHEN state = $11 AND planning_done AND batches_done + 1 = batches_total THEN now()
                                  ELSE completed_at END
        WHERE id = (SELECT send_id FROM done)`,
      [
        batch.sendId,
        batch.seq,
        BatchState.DONE,
        counts.requested,
        counts.accepted,
        counts.failed,
        counts.skipped,
        counts.unknown,
        JSON.stringify(report),
        BatchState.STARTED,
        SendState.SENDING,
        SendState.COMPLETED,
        requestIdsOf([report])
      ]
    );
  }

  /**
   * Retention: the per-token details of sends completed before `before` go, `chunkSends` sends per statement (a
   * broadcast's batch rows with them): results, batch reports, batch rows, the requestIds of its Push Kit requests,
   * and the tokens it named (an immediate send's `tokens`, a job's target). Its receipts go after it, in the receipt
   * repository's pruner, which keeps their counts on the send.
   * The counts and the message stay. Returns how many sends were pruned; `keepGoing` is asked between chunks.
   */
  async pruneDetails(before: Date, chunkSends: number, keepGoing: () => boolean = () => true): Promise<number> {
    let pruned = 0;
    while (keepGoing()) {
      const { rows } = await this.pool.query<{ n: number }>(sql`
        WITH chosen AS (
               SELECT id FROM sends WHERE details_pruned_at IS NULL AND completed_at < ${before}
                ORDER BY completed_at LIMIT ${chunkSends} FOR UPDATE SKIP LOCKED),
             batches AS (DELETE FROM send_batches WHERE send_id IN (SELECT id FROM chosen)),
             requests AS (DELETE FROM send_requests WHERE send_id IN (SELECT id FROM chosen)),
             pruned AS (
               UPDATE sends SET results = '[]', batches = '[]', tokens = NULL, target = target - 'tokens',
                      details_pruned_at = now()
                WHERE id IN (SELECT id FROM chosen) RETURNING 1)
        SELECT count(*)::int AS n FROM pruned`);
      pruned += rows[0].n;
      if (rows[0].n < chunkSends) break;
    }
    return pruned;
  }

  private async completeIfDone(sendId: string): Promise<void> {
    await this.pool.query(sql`
      UPDATE sends SET state = ${SendState.COMPLETED}, completed_at = now()
       WHERE id = ${sendId} AND state = ${SendState.SENDING} AND planning_done AND batches_done = batches_total`);
  }
}
