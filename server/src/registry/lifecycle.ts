import sql, { join, type Sql } from 'sql-template-tag';
import type { Pool } from 'pg';
import { DeliveryCategory, DeliveryResult, TokenStatus, type RegisteredToken, type TokenRegistration } from '@harmony-push/shared';
import { toRegistered, type TokenRow } from './rows';

/*
 * The life of a push token, decided here and nowhere else. Its states are TokenStatus (the shared contract):
 * - active: receives every send.
 * - stale: not seen for TOKEN_STALE_DAYS ("seen": the later of its last registration and its last delivered
 *   receipt); broadcasts skip it unless asked (the stale sweep marks it).
 * - inactive: Push Kit reported the device offline for 30 days (receipt 10); broadcasts skip it unless asked.
 * - disabled, with a reason: Push Kit said the token is dead (a send's illegalTokens, or receipt 2 or 5); it
 *   receives nothing until the device registers it again.
 * `notificationsEnabled` is a flag, not a state: the device reports it, receipt 6 clears it.
 *
 * The moves:
 * - Registered (POST /tokens): a new token is created active; a known one is refreshed (last seen), re-activated
 *   whatever its state, and its fields updated where the registration gives them. `updated_at` moves only when
 *   something about the token changed.
 * - Bound to a user only by a verified user JWT, to that JWT's subject: a registration without one keeps whatever
 *   binding the token has, one with another subject moves it (account switch). A binding never comes from a body.
 * - Rotated (`previousToken`): the new token is registered as above, and the old record is replaced only where that
 *   can move no binding, that is when it is unbound or bound to the JWT's own subject. A record of another user stays
 *   until its own end: an app-key holder who learns a token cannot take over its user.
 * - Unbound (logout): stays registered, for anonymous pushes.
 * - Receipts (push-msg-receipt, where Huawei says to filter tokens with results 2, 5, 6 and 10): 2 (uninstalled) and
 *   5 (token mismatch) disable it with that reason; 6 clears `notificationsEnabled` (it stays active for push-types
 *   that show nothing); 10 makes an active or stale token inactive; 0 (delivered) records `lastDeliveredAt` and
 *   brings a stale or inactive token back to active, since a delivered message proves it alive. A receipt older
 *   than the token's last sighting (a registration, or a delivered receipt) moves nothing: the newer news wins.
 * - Stale (the sweep): an active token not seen for TOKEN_STALE_DAYS. "Seen" is the later of its last registration
 *   (`last_seen_at`) and its last delivered receipt (`last_delivered_at`): the app re-uploads an unchanged token only
 *   every 30 days, so a device that receives messages counts as seen even when its owner never opens the app.
 *   Broadcasts skip it unless asked; a registration or a delivered receipt makes it active again. Inactive and
 *   disabled tokens keep their state: they say more than "not seen".
 * - Expired (the sweep): a token of any state not seen for TOKEN_EXPIRE_DAYS is deleted; a dead or abandoned token
 *   must not stay in the registry for ever, and a device that comes back registers again.
 * - Removed: the app deleted its token.
 */

export interface Registration {
  registration: TokenRegistration;
  /** The subject of the request's verified user JWT. */
  userId: string | undefined;
}

export interface RegistrationOutcome {
  token: RegisteredToken;
  /** True when this token was not registered before (201), false on a refresh (200). */
  created: boolean;
}

type RegistrationRow = TokenRow & { inserted: boolean };

/**
 * Registrations of distinct tokens in one statement, in token order: two such statements running at once lock their
 * common tokens in the same order, so they wait on each other but never deadlock.
 */
function upsert(entries: Registration[]): Sql {
  const column = <V>(pick: (registration: TokenRegistration) => V | undefined) =>
    entries.map((entry) => pick(entry.registration) ?? null);
  return sql`
    INSERT INTO push_tokens AS t (token, device_type, os_api_version, app_version, notifications_enabled, user_id)
    SELECT * FROM unnest(${column((r) => r.token)}::text[], ${column((r) => r.deviceType)}::text[],
                         ${column((r) => r.osApiVersion)}::int[], ${column((r) => r.appVersion)}::text[],
                         ${column((r) => r.notificationsEnabled)}::boolean[], ${entries.map((entry) => entry.userId ?? null)}::text[])
      AS given(token, device_type, os_api_version, app_version, notifications_enabled, user_id)
    ORDER BY token
    ON CONFLICT (token) DO UPDATE SET
      device_type           = EXCLUDED.device_type,
      os_api_version        = COALESCE(EXCLUDED.os_api_version, t.os_api_version),
      app_version           = COALESCE(EXCLUDED.app_version, t.app_version),
      notifications_enabled = COALESCE(EXCLUDED.notifications_enabled, t.notifications_enabled),
      user_id               = COALESCE(EXCLUDED.user_id, t.user_id),
      status                = ${TokenStatus.ACTIVE},
      disabled_reason       = NULL,
      disabled_at           = NULL,
      last_seen_at          = now(),
      updated_at            = CASE
        WHEN (t.device_type, t.os_api_version, t.app_version, t.notifications_enabled, t.user_id, t.status)
             IS DISTINCT FROM (EXCLUDED.device_type, COALESCE(EXCLUDED.os_api_version, t.os_api_version),
                               COALESCE(EXCLUDED.app_version, t.app_version),
                               COALESCE(EXCLUDED.notifications_enabled, t.notifications_enabled),
                               COALESCE(EXCLUDED.user_id, t.user_id), ${TokenStatus.ACTIVE}::text)
        THEN now() ELSE t.updated_at END
    RETURNING t.*, (xmax = 0) AS inserted`;
}

/** The outcomes of `entries`, in their order, from the rows of the statement that registered them. */
function outcomes(entries: Registration[], rows: RegistrationRow[]): RegistrationOutcome[] {
  const byToken = new Map(rows.map((row) => [row.token, row]));
  return entries.map((entry) => {
    const row = byToken.get(entry.registration.token) as RegistrationRow;
    return { token: toRegistered(row), created: row.inserted };
  });
}

/** Registers or refreshes tokens, which must be distinct, in one statement. */
export async function registerAll(db: Pool, entries: Registration[]): Promise<RegistrationOutcome[]> {
  const result = await db.query<RegistrationRow>(upsert(entries));
  return outcomes(entries, result.rows);
}

/** Registers a token that replaces `previous`, in one statement: the old record goes only where no binding moves. */
export async function rotate(db: Pool, entry: Registration, previous: string): Promise<RegistrationOutcome> {
  const result = await db.query<RegistrationRow>(sql`
    WITH replaced AS (
      DELETE FROM push_tokens WHERE token = ${previous} AND (user_id IS NULL OR user_id = ${entry.userId ?? null})
    )
    ${upsert([entry])}`);
  return outcomes([entry], result.rows)[0];
}

/** Removes a token; deleting an unknown token is not an error. */
export async function remove(db: Pool, token: string): Promise<void> {
  await db.query(sql`DELETE FROM push_tokens WHERE token = ${token}`);
}

/** Logout: the token stays registered for anonymous pushes but no longer belongs to a user. */
export async function unbindUser(db: Pool, token: string): Promise<void> {
  await db.query(sql`UPDATE push_tokens SET user_id = NULL, updated_at = now() WHERE token = ${token} AND user_id IS NOT NULL`);
}

/**
 * Push Kit said these tokens are dead: they stop receiving sends until the device registers them again.
 * Returns how many active tokens were disabled.
 */
export async function disable(db: Pool, tokens: string[], reason: string): Promise<number> {
  const result = await db.query(sql`
    UPDATE push_tokens SET status = ${TokenStatus.DISABLED}, disabled_reason = ${reason}, disabled_at = now(), updated_at = now()
     WHERE token = ANY(${tokens}) AND status = ${TokenStatus.ACTIVE}`);
  return result.rowCount ?? 0;
}

/** The results a token's state reacts to, and the reason a disabling one leaves. */
const REACTING = [
  DeliveryResult.DELIVERED,
  DeliveryResult.UNINSTALLED,
  DeliveryResult.TOKEN_MISMATCH,
  DeliveryResult.NOTIFICATIONS_OFF,
  DeliveryResult.INACTIVE_DEVICE
];
const DISABLING = [
  { result: DeliveryResult.UNINSTALLED, reason: DeliveryCategory.UNINSTALLED },
  { result: DeliveryResult.TOKEN_MISMATCH, reason: DeliveryCategory.TOKEN_MISMATCH }
];

/**
 * What receipts tell about registered tokens (see the moves above), as one data-modifying statement over `news`, a
 * relation of (token, result, at timestamptz): the receipt repository runs it in the statement that stores the
 * statuses, so statuses and their consequences are committed together. For each token its latest reacting status
 * decides its state, and its latest delivery (result 0) sets lastDeliveredAt, whatever came after it (a later
 * "notifications off" does not undo that the device was reached). Rows are locked in token order, so two callbacks
 * touching the same tokens never deadlock. Unregistered tokens are left alone.
 */
export function receiptReactions(news: Sql): Sql {
  const reason = sql`CASE n.result ${join(DISABLING.map((d) => sql`WHEN ${d.result}::int THEN ${d.reason}::text`), ' ')} END`;
  const newer = sql`r.at > greatest(t.last_seen_at, t.last_delivered_at)`;
  const kills = sql`(r.reason IS NOT NULL AND t.status <> ${TokenStatus.DISABLED} AND ${newer})`;
  const sleeps = sql`(r.result = ${DeliveryResult.INACTIVE_DEVICE}::int AND t.status = ANY(${[TokenStatus.ACTIVE, TokenStatus.STALE]}::text[]) AND ${newer})`;
  const silences = sql`(r.result = ${DeliveryResult.NOTIFICATIONS_OFF}::int AND t.notifications_enabled IS DISTINCT FROM false AND ${newer})`;
  const delivered = sql`(r.delivered_at IS NOT NULL)`;
  const revives = sql`(${delivered} AND t.status = ANY(${[TokenStatus.STALE, TokenStatus.INACTIVE]}::text[]))`;
  return sql`
    UPDATE push_tokens AS t SET
      status                = CASE WHEN ${kills} THEN ${TokenStatus.DISABLED} WHEN ${sleeps} THEN ${TokenStatus.INACTIVE}
                                   WHEN ${revives} THEN ${TokenStatus.ACTIVE} ELSE t.status END,
      disabled_reason       = CASE WHEN ${kills} THEN r.reason ELSE t.disabled_reason END,
      disabled_at           = CASE WHEN ${kills} THEN now() ELSE t.disabled_at END,
      notifications_enabled = CASE WHEN ${silences} THEN false ELSE t.notifications_enabled END,
      last_delivered_at     = CASE WHEN ${delivered} THEN greatest(t.last_delivered_at, r.delivered_at) ELSE t.last_delivered_at END,
      updated_at            = CASE WHEN ${kills} OR ${sleeps} OR ${silences} OR ${revives} THEN now() ELSE t.updated_at END
      FROM (SELECT latest.*, o.id
              FROM (SELECT DISTINCT ON (n.token) n.token, n.result, n.at, ${reason} AS reason,
                           max(n.at) FILTER (WHERE n.result = ${DeliveryResult.DELIVERED}::int) OVER (PARTITION BY n.token) AS delivered_at
                      FROM ${news} AS n WHERE n.result = ANY(${REACTING}::int[])
                     ORDER BY n.token, n.at DESC) AS latest
              JOIN push_tokens o ON o.token = latest.token
             ORDER BY o.token FOR UPDATE OF o) AS r
     WHERE t.id = r.id AND (${kills} OR ${sleeps} OR ${silences} OR ${delivered})`;
}

export interface SweepCutoffs {
  /** Active tokens last seen before this become stale. */
  staleBefore: Date;
  /** Tokens of any state last seen before this are deleted; earlier than `staleBefore`. */
  expireBefore: Date;
  /** Rows each statement looks at. */
  chunkRows: number;
}

export interface SweepCounts {
  markedStale: number;
  deleted: number;
}

const seen = sql`greatest(last_seen_at, last_delivered_at)`;

/**
 * One chunk of the sweep: the `chunkRows` tokens after `afterId` in id order. Rows a registration holds right now are
 * skipped (SKIP LOCKED), so the sweep never waits on a request nor deadlocks with one; it is being seen anyway, and
 * a later sweep looks again. A locked row is checked again on its latest version, so a token registered while the
 * sweep ran is not touched. The two sets are disjoint: a row is never changed twice by one statement.
 */
function sweepChunk(cutoffs: SweepCutoffs, afterId: string): Sql {
  return sql`
    WITH chunk AS (SELECT id FROM push_tokens WHERE id > ${afterId} ORDER BY id LIMIT ${cutoffs.chunkRows}),
         expired AS (
           SELECT id FROM push_tokens WHERE id IN (SELECT id FROM chunk) AND ${seen} < ${cutoffs.expireBefore}
           FOR UPDATE SKIP LOCKED),
         staling AS (
           SELECT id FROM push_tokens
            WHERE id IN (SELECT id FROM chunk) AND status = ${TokenStatus.ACTIVE}
              AND ${seen} < ${cutoffs.staleBefore} AND ${seen} >= ${cutoffs.expireBefore}
           FOR UPDATE SKIP LOCKED),
         deleted AS (DELETE FROM push_tokens WHERE id IN (SELECT id FROM expired) RETURNING 1),
         marked AS (UPDATE push_tokens SET status = ${TokenStatus.STALE}, updated_at = now() WHERE id IN (SELECT id FROM staling) RETURNING 1)
    SELECT (SELECT max(id) FROM chunk) AS last,
           (SELECT count(*) FROM marked)::int AS marked,
           (SELECT count(*) FROM deleted)::int AS deleted`;
}

/**
 * The stale sweep: marks stale and deletes expired tokens, one chunk per statement in id order, so a sweep over
 * millions of tokens holds each row lock for one short statement. `keepGoing` is asked between chunks (a stopping
 * process ends the sweep early; the next one starts over).
 */
export async function sweep(db: Pool, cutoffs: SweepCutoffs, keepGoing: () => boolean = () => true): Promise<SweepCounts> {
  const counts: SweepCounts = { markedStale: 0, deleted: 0 };
  for (let afterId = '0'; keepGoing(); ) {
    const { rows } = await db.query<{ last: string | null; marked: number; deleted: number }>(sweepChunk(cutoffs, afterId));
    const chunk = rows[0];
    if (chunk.last === null) break;
    counts.markedStale += chunk.marked;
    counts.deleted += chunk.deleted;
    afterId = chunk.last;
  }
  return counts;
}
