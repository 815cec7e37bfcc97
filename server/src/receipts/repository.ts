import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import sql, { raw, type Sql } from 'sql-template-tag';
import {
  deliveryCategory,
  deliveryResultMeaning,
  noDeliveries,
  type DeliverySummary,
  type ReceiptStatus,
  type TokenDelivery
} from '@harmony-push/shared';

/** How long a callback's nonce is remembered: twice the clock skew a callback may have, so a replay is always caught. */
export const NONCE_MEMORY_MINUTES = 10;

/** A status as stored, for the lifecycle and the metrics. */
export interface StoredStatus {
  sendId: string | null;
  token: string;
  pushType: number;
  result: number;
  deliveredAt: Date;
}

/** One callback to store: its statuses, and the nonce of its signature (none when unsigned receipts are allowed). */
export interface Callback {
  statuses: ReceiptStatus[];
  nonce?: string;
}

/**
 * What storing callbacks together did: which of them were stored (by their index; the others carried a nonce seen
 * before, and nothing of theirs is stored), and the statuses not stored before (a status posted again is not), with
 * the send each was matched to.
 */
export interface StoredCallbacks {
  accepted: Set<number>;
  stored: StoredStatus[];
}

/** A row of the statement that stores callbacks: the callbacks accepted, and one stored status if any. */
interface StoreRow {
  accepted: number[] | null;
  send_id: string | null;
  token: string | null;
  push_type: number;
  result: number;
  delivered_at: Date;
}

/** A statement over a relation of (token, result, at): what the stored statuses mean elsewhere. */
export type Reactions = (news: Sql) => Sql;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The result and timestamp of a status: exactly one of deliveryStatus and formStatus is set (the schema says so). */
const outcomeOf = (status: ReceiptStatus) => (status.deliveryStatus ?? status.formStatus)!;

/**
 * The statuses of `callbacks`, stored for the callbacks in `accepted` (a relation of callback indexes). Each finds its
 * send by the requestId of the Push Kit request it answers, or else by a biTag that is a send id (outgoing.ts sets the
 * send id as biTag unless the caller gave one); one that finds none is stored with send_id NULL. The same status again
 * (same request, token, result and time) is skipped, within the statement too. Rows go in key order, so two statements
 * carrying the same statuses wait on each other instead of deadlocking.
 */
function insertStatuses(callbacks: Callback[], accepted: Sql): Sql {
  const statuses = callbacks.flatMap((callback, index) => callback.statuses.map((status) => ({ status, index })));
  const column = <V>(pick: (status: ReceiptStatus) => V) => statuses.map(({ status }) => pick(status));
  return sql`
    INSERT INTO receipts AS stored (send_id, request_id, token, push_type, result, form_id, bi_tag, delivered_at)
    SELECT coalesce(requested.send_id, tagged.id), given.request_id, given.token, given.push_type, given.result,
           given.form_id, nullif(given.bi_tag, ''), timestamptz 'epoch' + given.at * interval '1 millisecond'
      FROM unnest(${statuses.map(({ index }) => index)}::int[], ${column((s) => s.requestId)}::text[],
                  ${column((s) => s.token)}::text[], ${column((s) => s.pushType)}::smallint[],
                  ${column((s) => outcomeOf(s).result)}::int[], ${column((s) => s.formStatus?.formId ?? null)}::bigint[],
                  ${column((s) => s.biTag ?? null)}::text[],
                  ${column((s) => (s.biTag !== undefined && UUID.test(s.biTag) ? s.biTag : null))}::uuid[],
                  ${column((s) => outcomeOf(s).timestamp)}::bigint[])
        AS given(callback, request_id, token, push_type, result, form_id, bi_tag, bi_tag_send, at)
      LEFT JOIN send_requests requested ON requested.request_id = given.request_id
      LEFT JOIN sends tagged ON tagged.id = given.bi_tag_send
     WHERE given.callback IN (SELECT callback FROM ${accepted})
     ORDER BY given.request_id, given.token, given.result, given.at
    ON CONFLICT (request_id, md5(token), result, delivered_at) DO NOTHING
    RETURNING stored.send_id, stored.token, stored.push_type, stored.result, stored.delivered_at`;
}

/** Counts statuses by category and code; `pending` is `accepted` minus the statuses received, never below 0. */
export function summarise(accepted: number, rows: { result: number; n: number }[]): DeliverySummary {
  const summary = noDeliveries(accepted);
  let received = 0;
  for (const { result, n } of rows) {
    summary[deliveryCategory(result)] += n;
    summary.byResult[String(result)] = (summary.byResult[String(result)] ?? 0) + n;
    received += n;
  }
  summary.pending = Math.max(accepted - received, 0);
  return summary;
}

/**
 * The statuses of the sends `sendIds` selects, counted per (send_id, result): those stored, plus those retention
 * pruned, whose counts it folded into the send's `delivery_counts`.
 */
function statusCounts(sendIds: Sql): Sql {
  return sql`
    SELECT send_id, result, sum(n)::int AS n FROM (
      SELECT send_id, result, count(*) AS n FROM receipts WHERE send_id IN (${sendIds}) GROUP BY 1, 2
      UNION ALL
      SELECT s.id, folded.key::int, folded.value::bigint FROM sends s, jsonb_each_text(s.delivery_counts) AS folded
       WHERE s.id IN (${sendIds})) AS parts (send_id, result, n)
     GROUP BY 1, 2`;
}

/**
 * The one owner of `receipts` and `receipt_nonces`: storing a callback's statuses, and what they tell about a send.
 * `send_requests` (written by the send repository) is only read here, to match statuses to sends; of `sends` only
 * `delivery_counts`, the counts of the statuses retention pruned, is written here.
 */
export class ReceiptRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Stores callbacks in one statement, so in one transaction: their nonces (those signed), their statuses, and
   * `reactions` over the statuses that were new. A callback whose nonce was seen before stores nothing; any failure
   * stores nothing of any of them. Callbacks given together must carry distinct nonces.
   */
  async store(callbacks: Callback[], reactions: Reactions): Promise<StoredCallbacks> {
    const { rows } = await this.pool.query<StoreRow>(sql`
      WITH signed AS (
             SELECT * FROM unnest(${callbacks.map((_, index) => index)}::int[], ${callbacks.map((c) => c.nonce ?? null)}::text[])
               AS given(callback, nonce)),
           fresh AS (
             INSERT INTO receipt_nonces (nonce) SELECT nonce FROM signed WHERE nonce IS NOT NULL
             ON CONFLICT DO NOTHING RETURNING nonce),
           accepted AS (SELECT callback FROM signed WHERE nonce IS NULL OR nonce IN (SELECT nonce FROM fresh)),
           stored AS (${insertStatuses(callbacks, raw('accepted'))}),
           reacted AS (${reactions(raw('(SELECT token, result, delivered_at AS at FROM stored)'))})
      SELECT (SELECT array_agg(callback) FROM accepted) AS accepted, stored.*
        FROM (VALUES (1)) AS one LEFT JOIN stored ON true`);
    const stored = rows
      .filter((row) => row.token !== null)
      .map((row) => ({
        sendId: row.send_id,
        token: row.token as string,
        pushType: row.push_type,
        result: row.result,
        deliveredAt: row.delivered_at
      }));
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: the statement always answers one row (its FROM is VALUES (1)); a set holding a string holds no callback index
    return { accepted: new Set(rows[0]?.accepted ?? []), stored };
  }

  /** Forgets nonces older than NONCE_MEMORY_MINUTES: their callbacks' timestamps are refused anyway. */
  async pruneNonces(): Promise<number> {
    const result = await this.pool.query(
      sql`DELETE FROM receipt_nonces WHERE seen_at < now() - make_interval(mins => ${NONCE_MEMORY_MINUTES})`
    );
    return result.rowCount ?? 0;
  }

  /**
   * Retention: statuses received before `before`, `chunkRows` per statement. Orphans (no send) just go: the metrics
   * counted them when they came. A send's statuses go once its own details were pruned (SendRepository.pruneDetails
   * runs first), so an immediate send's per-token results and their receipts go together; the statement that deletes
   * them adds their counts by result to the send's `delivery_counts`, so a crash loses none and counts none twice
   * and its summary reads the same. Returns how many statuses went; `keepGoing` is asked between chunks.
   */
  async prune(before: Date, chunkRows: number, keepGoing: () => boolean = () => true): Promise<number> {
    let pruned = 0;
    while (keepGoing()) {
      const { rows } = await this.pool.query<{ n: number }>(sql`
        WITH chosen AS (
               SELECT r.id FROM receipts r
                WHERE r.received_at < ${before}
                  AND (r.send_id IS NULL
                       OR EXISTS (SELECT FROM sends s WHERE s.id = r.send_id AND s.details_pruned_at IS NOT NULL))
                LIMIT ${chunkRows} FOR UPDATE SKIP LOCKED),
             gone AS (DELETE FROM receipts WHERE id IN (SELECT id FROM chosen) RETURNING send_id, result),
             counted AS (
               SELECT send_id, result::text AS result, count(*)::int AS n FROM gone WHERE send_id IS NOT NULL GROUP BY 1, 2),
             -- In id order, so two runs at once wait on each other instead of deadlocking.
             locked AS (SELECT id FROM sends WHERE id IN (SELECT send_id FROM counted) ORDER BY id FOR UPDATE),
             folded AS (
               UPDATE sends s
                  SET delivery_counts = s.delivery_counts || (
                        SELECT jsonb_object_agg(c.result, c.n + coalesce((s.delivery_counts ->> c.result)::int, 0))
                          FROM counted c WHERE c.send_id = s.id)
                WHERE s.id IN (SELECT id FROM locked))
        SELECT count(*)::int AS n FROM gone`);
      pruned += rows[0].n;
      if (rows[0].n < chunkRows) break;
    }
    return pruned;
  }

  /**
   * What the statuses of a send say, stored or pruned: each status counted by its result's category and code;
   * `pending` is `accepted` minus the statuses received, never below 0.
   */
  async summaryOf(sendId: string, accepted: number): Promise<DeliverySummary> {
    return (await this.summariesOf([{ sendId, accepted }])).get(sendId) as DeliverySummary;
  }

  /** The summaries of many sends at once (a page of the console's history), in one statement. */
  async summariesOf(sends: { sendId: string; accepted: number }[]): Promise<Map<string, DeliverySummary>> {
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: with no sends no row is read, whatever stands for the rows
    const { rows } = sends.length === 0 ? { rows: [] } : await this.pool.query<{ send_id: string; result: number; n: number }>(
      statusCounts(sql`SELECT unnest(${sends.map((send) => send.sendId)}::uuid[])`)
    );
    return new Map(sends.map((send) => [send.sendId, summarise(send.accepted, rows.filter((row) => row.send_id === send.sendId))]));
  }

  /** Statuses by the UTC day their send started, over the last `days`: the console's funnel over time. */
  async resultsByDay(days: number): Promise<Map<string, { result: number; n: number }[]>> {
    const { rows } = await this.pool.query<{ day: string; result: number; n: number }>(
      sql`SELECT to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, counted.result, sum(counted.n)::int AS n
            FROM (${statusCounts(sql`SELECT id FROM sends WHERE created_at > now() - make_interval(days => ${days})`)}) AS counted
            JOIN sends s ON s.id = counted.send_id GROUP BY 1, 2`
    );
    const byDay = new Map<string, { result: number; n: number }[]>();
    for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), { result: row.result, n: row.n }]);
    return byDay;
  }

  /** The latest status of `token` on each of `sendIds`. */
  async deliveriesTo(token: string, sendIds: string[]): Promise<Map<string, TokenDelivery>> {
    if (sendIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ send_id: string; result: number; delivered_at: Date }>(sql`
      SELECT DISTINCT ON (send_id) send_id, result, delivered_at FROM receipts
       WHERE token = ${token} AND send_id = ANY(${sendIds}::uuid[]) ORDER BY send_id, delivered_at DESC, id DESC`);
    return new Map(
      rows.map((row) => [row.send_id, { result: row.result, meaning: deliveryResultMeaning(row.result), at: row.delivered_at.toISOString() }])
    );
  }

  /** Each token's latest status for a send (an immediate send: at most one Push Kit request's worth of tokens). */
  async deliveriesOf(sendId: string): Promise<Map<string, TokenDelivery>> {
    const { rows } = await this.pool.query<{ token: string; result: number; delivered_at: Date }>(sql`
      SELECT DISTINCT ON (token) token, result, delivered_at FROM receipts
       WHERE send_id = ${sendId} ORDER BY token, delivered_at DESC, id DESC`);
    return new Map(
      rows.map((row) => [
        row.token,
        { result: row.result, meaning: deliveryResultMeaning(row.result), at: row.delivered_at.toISOString() }
      ])
    );
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    receipts: ReceiptRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('receipts', new ReceiptRepository(app.pg.pool));
  },
  { name: 'receipt-repository', dependencies: ['database'] }
);
