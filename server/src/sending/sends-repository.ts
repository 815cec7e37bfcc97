import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import { SendState, type PushType, type SendResponse, type SendTarget } from '@harmony-push/shared';

/** How long an Idempotency-Key replays its send instead of sending again. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

interface SendRow {
  id: string;
  push_type: number;
  state: SendState;
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  errors: number;
  batches_done: number;
  batches_total: number;
  results: SendResponse['results'];
  batches: SendResponse['batches'];
  configuration_errors: SendResponse['configurationErrors'];
  created_at: Date;
  completed_at: Date | null;
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
    errors: row.errors,
    results: row.results,
    batches: row.batches,
    configurationErrors: row.configuration_errors,
    createdAt: row.created_at.toISOString()
  };
  if (row.completed_at) response.completedAt = row.completed_at.toISOString();
  return response;
}

/** A new send, or the one recorded earlier under the same idempotency key and whether its request was the same. */
export type SendStart = { started: true; sendId: string } | { started: false; existing: SendResponse; sameRequest: boolean };

export class SendRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Records a new send: synchronous (`sending`), or a broadcast job (`queued`, with the target its planner reads).
   * With an idempotency key already used within the window, nothing is recorded and the earlier send comes back
   * instead, with whether its request (`requestDigest`) was the same; a key older than the window is released.
   */
  async start(
    sendId: string,
    pushType: PushType,
    message: unknown,
    idempotency: { key: string; requestDigest: string } | undefined,
    job?: { target: SendTarget }
  ): Promise<SendStart> {
    const idempotencyKey = idempotency?.key;
    if (idempotencyKey !== undefined) {
      await this.pool.query(
        `UPDATE sends SET idempotency_key = NULL
          WHERE idempotency_key = $1 AND created_at < now() - make_interval(hours => $2)`,
        [idempotencyKey, IDEMPOTENCY_WINDOW_HOURS]
      );
    }
    const inserted = await this.pool.query(
      `INSERT INTO sends (id, push_type, state, message, idempotency_key, target, request_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
      [
        sendId,
        pushType,
        job ? SendState.QUEUED : SendState.SENDING,
        JSON.stringify(message),
        idempotencyKey ?? null,
        job ? JSON.stringify(job.target) : null,
        idempotency?.requestDigest ?? null
      ]
    );
    if (inserted.rowCount === 1) return { started: true, sendId };
    const existing = await this.pool.query<SendRow & { request_digest: string | null }>(
      'SELECT * FROM sends WHERE idempotency_key = $1',
      [idempotencyKey]
    );
    const row = existing.rows[0];
    // Sends recorded before digests were kept replay as they always did.
    const sameRequest = row.request_digest === null || row.request_digest === idempotency?.requestDigest;
    return { started: false, existing: toResponse(row), sameRequest };
  }

  async complete(response: SendResponse): Promise<SendResponse> {
    const result = await this.pool.query<SendRow>(
      `UPDATE sends SET state = $2, requested = $3, accepted = $4, failed = $5, skipped = $6, errors = $7,
              results = $8, batches = $9, configuration_errors = $10, completed_at = now(),
              batches_done = jsonb_array_length($9), batches_total = jsonb_array_length($9), planning_done = true
        WHERE id = $1 RETURNING *`,
      [
        response.sendId,
        SendState.COMPLETED,
        response.requested,
        response.accepted,
        response.failed,
        response.skipped,
        response.errors,
        JSON.stringify(response.results),
        JSON.stringify(response.batches),
        JSON.stringify(response.configurationErrors)
      ]
    );
    return toResponse(result.rows[0]);
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

  /**
   * Stops a queued or running job between batches. The row lock waits for batches being started right now, so
   * once this returns no further batch starts. Returns the send, or undefined when there is none.
   */
  async cancel(sendId: string): Promise<SendResponse | undefined> {
    await this.pool.query(
      `UPDATE sends SET state = 'cancelled', completed_at = now() WHERE id = $1 AND state IN ('queued', 'sending')`,
      [sendId]
    );
    return this.get(sendId);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sends: SendRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('sends', new SendRepository(app.pg.pool));
  },
  { name: 'send-repository', dependencies: ['database'] }
);
