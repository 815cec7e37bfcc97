import type { Pool } from 'pg';
import sql, { join, type Sql } from 'sql-template-tag';
import {
  maskToken,
  noDeliveries,
  type DeviceSend,
  type FunnelDay,
  type PushType,
  type RecentConfigurationProblem,
  type SendCounts,
  type SendHistoryPage,
  type SendHistoryQuery,
  type SendState,
  type SendSummary,
  type SendTarget,
  type TokenResult
} from '@harmony-push/shared';
import type { SendRow } from './send-repository';

/*
 * The read-only views of `sends` the admin console shows: history, activity, the funnel by day, recent
 * configuration problems and the sends that named one token. SendRepository owns the table and calls these.
 */

/** A row of `sends` as the history reads it. */
type SummaryRow = Pick<
  SendRow,
  | 'id' | 'push_type' | 'state' | 'target' | 'requested' | 'accepted' | 'failed' | 'skipped' | 'unknown'
  | 'batches_done' | 'batches_total' | 'created_at' | 'completed_at'
>;

/** Shown names of a list, cut short: audiences are for reading, not for copying. */
const LISTED = 3;
const listed = (values: string[]): string =>
  values.slice(0, LISTED).join(', ') + (values.length > LISTED ? ` and ${values.length - LISTED} more` : '');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Who a send went to, in words. A broadcast keeps its target; an immediate send keeps only its counts, so it is
 * described by how many tokens it resolved to. Tokens are never shown.
 */
export function describeAudience(target: SendTarget | null, requested: number): string {
  if (target === null) return plural(requested, 'token');
  const parts: string[] = [];
  if (target.all) parts.push('all');
  if (target.userIds) parts.push(`users: ${listed(target.userIds)}`);
  if (target.deviceTypes) parts.push(`device types: ${listed(target.deviceTypes)}`);
  if (target.testDevices) parts.push('test devices');
  if (target.tokens) parts.push(plural(target.tokens.length, 'token'));
  if (target.includeStale) parts.push('stale and inactive included');
  if (target.includeNotificationsOff) parts.push('notifications off included');
  return parts.join('; ');
}

function toSummary(row: SummaryRow): SendSummary {
  const summary: SendSummary = {
    sendId: row.id,
    pushType: row.push_type as PushType,
    state: row.state,
    audience: describeAudience(row.target, row.requested),
    batchesDone: row.batches_done,
    batchesTotal: row.batches_total,
    requested: row.requested,
    accepted: row.accepted,
    failed: row.failed,
    skipped: row.skipped,
    unknown: row.unknown,
    delivery: noDeliveries(row.accepted),
    createdAt: row.created_at.toISOString()
  };
  if (row.completed_at) summary.completedAt = row.completed_at.toISOString();
  return summary;
}

const SUMMARY_COLUMNS = sql`id, push_type, state, target, requested, accepted, failed, skipped, unknown, batches_done,
  batches_total, created_at, completed_at`;

/** Sends newest first; a cursor is the id of the last send shown, so pages stay stable as sends are added. */
export async function history(db: Pool, query: SendHistoryQuery & { afterSendId?: string }): Promise<SendHistoryPage> {
  const limit = query.limit ?? 50;
  const conditions: Sql[] = [sql`true`];
  if (query.state !== undefined) conditions.push(sql`state = ${query.state}`);
  if (query.afterSendId !== undefined) {
    conditions.push(sql`(created_at, id) < (SELECT created_at, id FROM sends WHERE id = ${query.afterSendId})`);
  }
  const result = await db.query<SummaryRow>(
    sql`SELECT ${SUMMARY_COLUMNS} FROM sends WHERE ${join(conditions, ' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`
  );
  const rows = result.rows.slice(0, limit);
  const page: SendHistoryPage = { items: rows.map(toSummary) };
  if (result.rows.length > limit) page.nextCursor = rows[rows.length - 1].id;
  return page;
}

/** Sends started in the last `hours`, and the tokens accepted for them. */
export async function activity(db: Pool, hours: number): Promise<SendCounts> {
  const { rows } = await db.query<SendCounts>(
    sql`SELECT count(*)::int AS sends, coalesce(sum(accepted), 0)::int AS accepted
          FROM sends WHERE created_at > now() - make_interval(hours => ${hours})`
  );
  return rows[0];
}

/** Accepted tokens per UTC day over the last `days`, oldest first; days without sends are left out. */
export async function acceptedByDay(db: Pool, days: number): Promise<FunnelDay[]> {
  const { rows } = await db.query<{ day: string; accepted: number }>(
    sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(sum(accepted), 0)::int AS accepted
          FROM sends WHERE created_at > now() - make_interval(days => ${days})
         GROUP BY 1 ORDER BY 1`
  );
  return rows.map((row) => ({ day: row.day, accepted: row.accepted, delivery: noDeliveries(row.accepted) }));
}

/** The configuration problems of the latest sends that had any, newest first. */
export async function recentConfigurationProblems(db: Pool, limit: number): Promise<RecentConfigurationProblem[]> {
  const { rows } = await db.query<{ id: string; created_at: Date; problem: { reason: string; tokens: number; hint: string } }>(
    sql`SELECT s.id, s.created_at, p.problem
          FROM (SELECT id, created_at, configuration_errors FROM sends
                 WHERE configuration_errors <> '[]'::jsonb ORDER BY created_at DESC LIMIT ${limit}) AS s,
               jsonb_array_elements(s.configuration_errors) AS p(problem)
         ORDER BY s.created_at DESC`
  );
  return rows.slice(0, limit).map((row) => ({
    sendId: row.id,
    at: row.created_at.toISOString(),
    reason: row.problem.reason,
    tokens: row.problem.tokens,
    hint: row.problem.hint
  }));
}

/**
 * The latest immediate sends that named `token`, with its result there. Results hold masked tokens only, so they
 * are matched on the mask (rare look-alikes may show up); broadcasts keep no per-token results.
 */
export async function sendsToToken(db: Pool, token: string, limit: number): Promise<DeviceSend[]> {
  const masked = maskToken(token);
  const { rows } = await db.query<{ id: string; push_type: number; state: SendState; created_at: Date; result: TokenResult }>(
    sql`SELECT s.id, s.push_type, s.state, s.created_at, r.result
          FROM sends s, jsonb_array_elements(s.results) AS r(result)
         WHERE s.results @> ${JSON.stringify([{ token: masked }])}::jsonb AND r.result->>'token' = ${masked}
         ORDER BY s.created_at DESC LIMIT ${limit}`
  );
  return rows.map((row) => {
    const sent: DeviceSend = {
      sendId: row.id,
      pushType: row.push_type as PushType,
      state: row.state,
      createdAt: row.created_at.toISOString(),
      status: row.result.status
    };
    if (row.result.reason !== undefined) sent.reason = row.result.reason;
    if (row.result.delivery !== undefined) sent.delivery = row.result.delivery;
    return sent;
  });
}
