import sql, { join, empty, type Sql } from 'sql-template-tag';
import type { Pool } from 'pg';
import type { DeviceType } from '@harmony-push/shared';

/*
 * The registry queries that sending uses to find a send's audience, in id order, so that a broadcast can be cut into
 * ranges that stay stable while tokens come and go. Disabled tokens are never selected.
 */

/** The registry part of a send's target; an absent filter does not narrow. */
export interface Selection {
  userIds?: string[];
  deviceTypes?: DeviceType[];
  /** Only the devices an admin marked as test devices. */
  testDevices?: boolean;
  /** Stale and inactive tokens too, besides the active ones. */
  includeStale?: boolean;
  /** Leave out tokens whose user turned the app's notifications off (alerts, unless the target asks for them). */
  withNotificationsOnly?: boolean;
}

export interface TokenRange {
  afterId: string;
  throughId?: string;
  limit?: number;
  excluding?: string[];
}

export interface SelectedToken {
  id: string;
  token: string;
  deviceType: DeviceType;
}

/**
 * The tokens of a selection, as SQL conditions. The status conditions are written as the predicates of the partial
 * indexes that serve them (push_tokens_active_by_id, push_tokens_sendable_by_id), so the planner can use those.
 * A token whose device never said whether notifications are on is sent to.
 */
function selected(selection: Selection): Sql[] {
  const conditions = [selection.includeStale ? sql`status IN ('active', 'stale', 'inactive')` : sql`status = 'active'`];
  if (selection.withNotificationsOnly) conditions.push(sql`notifications_enabled IS NOT FALSE`);
  if (selection.userIds) conditions.push(sql`user_id = ANY(${selection.userIds})`);
  if (selection.deviceTypes) conditions.push(sql`device_type = ANY(${selection.deviceTypes})`);
  if (selection.testDevices) conditions.push(sql`test_device`);
  return conditions;
}

const where = (conditions: Sql[]): Sql => sql`WHERE ${join(conditions, ' AND ')}`;

/** Device types of the registered tokens among `tokens` (device rules apply only to those). */
export async function deviceTypesOf(db: Pool, tokens: string[]): Promise<Map<string, DeviceType>> {
  const result = await db.query<{ token: string; device_type: DeviceType }>(
    sql`SELECT token, device_type FROM push_tokens WHERE token = ANY(${tokens})`
  );
  return new Map(result.rows.map((row) => [row.token, row.device_type]));
}

/**
 * Tokens of a send's registry selection in id order, after `afterId`: a page of `limit`, or the range up to
 * `throughId`. Tokens in `excluding` are left out (a send names them directly).
 */
export async function selectedTokens(db: Pool, selection: Selection, range: TokenRange): Promise<SelectedToken[]> {
  const conditions = [...selected(selection), sql`id > ${range.afterId}`];
  if (range.throughId !== undefined) conditions.push(sql`id <= ${range.throughId}`);
  if (range.excluding && range.excluding.length > 0) conditions.push(sql`NOT (token = ANY(${range.excluding}))`);
  const limit = range.limit === undefined ? empty : sql`LIMIT ${range.limit}`;
  // The rows as they are, no copy: a broadcast reads every token of its audience through here.
  const result = await db.query<SelectedToken>(
    sql`SELECT id, token, device_type AS "deviceType" FROM push_tokens ${where(conditions)} ORDER BY id ${limit}`
  );
  return result.rows;
}

/**
 * The ids ending the next `pages` pages of `limit` selected tokens after `afterId`, in order (the last page may be
 * short); empty past the last token. One statement plans several batches at once.
 */
export async function pageEnds(db: Pool, selection: Selection, afterId: string, limit: number, pages: number): Promise<string[]> {
  const result = await db.query<{ last: string }>(sql`
    SELECT id AS last FROM (
      SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM (
        SELECT id FROM push_tokens ${where([...selected(selection), sql`id > ${afterId}`])} ORDER BY id LIMIT ${limit * pages}
      ) AS ahead
    ) AS numbered
    WHERE n % ${limit} = 0 OR n = total ORDER BY id`);
  return result.rows.map((row) => row.last);
}

/** How many tokens the selection holds, counting no further than `upTo`. */
export async function countSelected(db: Pool, selection: Selection, upTo: number): Promise<number> {
  const result = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM push_tokens ${where(selected(selection))} LIMIT ${upTo}) AS t`);
  return result.rows[0].n;
}

/** How many tokens the selection holds, leaving out those in `excluding` (a send names them directly). */
export async function countAudience(db: Pool, selection: Selection, excluding: string[]): Promise<number> {
  const conditions = selected(selection);
  if (excluding.length > 0) conditions.push(sql`NOT (token = ANY(${excluding}))`);
  const result = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM push_tokens ${where(conditions)}`);
  return result.rows[0].n;
}
