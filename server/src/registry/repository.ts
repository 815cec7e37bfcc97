import fp from 'fastify-plugin';
import type { Pool, PoolClient } from 'pg';
import {
  maskToken,
  type DeviceType,
  type TokenListQuery,
  type TokenPage,
  type TokenRegistration,
  type TokenStatus,
  type TokenSummary
} from '@harmony-push/shared';
import { inTransaction } from '../db/transaction';
import { cursorId, encodeCursor } from './schemas';

interface TokenRow {
  id: string;
  token: string;
  device_type: DeviceType;
  os_api_version: number | null;
  app_version: string | null;
  user_id: string | null;
  status: TokenStatus;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_at: Date;
  last_seen_at: Date;
  updated_at: Date;
}

/** The registry part of a send's target; an absent filter does not narrow. */
export interface ActiveSelection {
  userIds?: string[];
  deviceTypes?: DeviceType[];
}

export interface TokenRange {
  afterId: string;
  throughId?: string;
  limit?: number;
  excluding?: string[];
}

/** SQL conditions for a registry selection; their parameters are appended to `values`. */
function selectionConditions(selection: ActiveSelection, values: unknown[]): string[] {
  const conditions: string[] = [];
  if (selection.userIds) {
    values.push(selection.userIds);
    conditions.push(`user_id = ANY($${values.length})`);
  }
  if (selection.deviceTypes) {
    values.push(selection.deviceTypes);
    conditions.push(`device_type = ANY($${values.length})`);
  }
  return conditions;
}

export interface ActiveToken {
  id: string;
  token: string;
  deviceType: DeviceType;
}

export interface RegistrationOutcome {
  summary: TokenSummary;
  /** True when this token was not registered before (201), false on a refresh (200). */
  created: boolean;
}

function toSummary(row: TokenRow): TokenSummary {
  const summary: TokenSummary = {
    id: row.id,
    token: maskToken(row.token),
    deviceType: row.device_type,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    updatedAt: row.updated_at.toISOString()
  };
  if (row.os_api_version !== null) summary.osApiVersion = row.os_api_version;
  if (row.app_version !== null) summary.appVersion = row.app_version;
  if (row.user_id !== null) summary.userId = row.user_id;
  if (row.disabled_reason !== null) summary.disabledReason = row.disabled_reason;
  if (row.disabled_at !== null) summary.disabledAt = row.disabled_at.toISOString();
  return summary;
}

/*
 * Registration is one upsert keyed by the token, so concurrent registrations of one token
 * converge on one row. A known token is refreshed (last seen), re-activated if it was disabled,
 * and keeps its user unless a verified login names another one (account switch).
 * `updated_at` moves only when something about the token changed.
 */
const UPSERT = `
  INSERT INTO push_tokens AS t (token, device_type, os_api_version, app_version, user_id)
  VALUES ($1, $2, $3, $4, COALESCE($5, $6))
  ON CONFLICT (token) DO UPDATE SET
    device_type     = EXCLUDED.device_type,
    os_api_version  = COALESCE(EXCLUDED.os_api_version, t.os_api_version),
    app_version     = COALESCE(EXCLUDED.app_version, t.app_version),
    user_id         = COALESCE($5, t.user_id, $6),
    status          = 'active',
    disabled_reason = NULL,
    disabled_at     = NULL,
    last_seen_at    = now(),
    updated_at      = CASE WHEN (t.device_type, t.os_api_version, t.app_version, t.user_id, t.status)
                         IS DISTINCT FROM (EXCLUDED.device_type, COALESCE(EXCLUDED.os_api_version, t.os_api_version),
                                           COALESCE(EXCLUDED.app_version, t.app_version), COALESCE($5, t.user_id, $6),
                                           'active')
                       THEN now() ELSE t.updated_at END
  RETURNING t.*, (xmax = 0) AS inserted`;

export class TokenRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Registers or refreshes a token. With `previousToken` the old record is replaced in the same
   * transaction and its user binding carries over to the new token.
   */
  async register(registration: TokenRegistration, userId: string | undefined): Promise<RegistrationOutcome> {
    const previous = registration.previousToken;
    if (previous === undefined || previous === registration.token) {
      return this.upsert(this.pool, registration, userId, null);
    }
    return inTransaction(this.pool, async (client) => {
      const removed = await client.query<{ user_id: string | null }>(
        'DELETE FROM push_tokens WHERE token = $1 RETURNING user_id',
        [previous]
      );
      return this.upsert(client, registration, userId, removed.rows[0]?.user_id ?? null);
    });
  }

  private async upsert(
    db: Pool | PoolClient,
    registration: TokenRegistration,
    userId: string | undefined,
    inheritedUserId: string | null
  ): Promise<RegistrationOutcome> {
    const result = await db.query<TokenRow & { inserted: boolean }>(UPSERT, [
      registration.token,
      registration.deviceType,
      registration.osApiVersion ?? null,
      registration.appVersion ?? null,
      userId ?? null,
      inheritedUserId
    ]);
    const row = result.rows[0];
    return { summary: toSummary(row), created: row.inserted };
  }

  /** Removes a token; deleting an unknown token is not an error. */
  async remove(token: string): Promise<void> {
    await this.pool.query('DELETE FROM push_tokens WHERE token = $1', [token]);
  }

  /** Logout: the token stays registered for anonymous pushes but no longer belongs to a user. */
  async unbindUser(token: string): Promise<void> {
    await this.pool.query(
      'UPDATE push_tokens SET user_id = NULL, updated_at = now() WHERE token = $1 AND user_id IS NOT NULL',
      [token]
    );
  }

  /**
   * Push Kit said these tokens are dead: they stop receiving sends until the device registers them again.
   * Returns how many active tokens were disabled.
   */
  async disable(tokens: string[], reason: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE push_tokens SET status = 'disabled', disabled_reason = $2, disabled_at = now(), updated_at = now()
        WHERE token = ANY($1) AND status = 'active'`,
      [tokens, reason]
    );
    return result.rowCount ?? 0;
  }

  /** Device types of the registered tokens among `tokens` (device rules apply only to those). */
  async deviceTypesOf(tokens: string[]): Promise<Map<string, DeviceType>> {
    const result = await this.pool.query<{ token: string; device_type: DeviceType }>(
      'SELECT token, device_type FROM push_tokens WHERE token = ANY($1)',
      [tokens]
    );
    return new Map(result.rows.map((row) => [row.token, row.device_type]));
  }

  /**
   * Active tokens of a send's registry selection in id order, after `afterId`: a page of `limit`, or the range up
   * to `throughId`. Tokens in `excluding` are left out (a send names them directly).
   */
  async activeTokens(selection: ActiveSelection, range: TokenRange): Promise<ActiveToken[]> {
    const values: unknown[] = [range.afterId];
    const conditions = [`status = 'active'`, 'id > $1', ...selectionConditions(selection, values)];
    if (range.throughId !== undefined) {
      values.push(range.throughId);
      conditions.push(`id <= $${values.length}`);
    }
    if (range.excluding && range.excluding.length > 0) {
      values.push(range.excluding);
      conditions.push(`NOT (token = ANY($${values.length}))`);
    }
    let limit = '';
    if (range.limit !== undefined) {
      values.push(range.limit);
      limit = `LIMIT $${values.length}`;
    }
    const result = await this.pool.query<{ id: string; token: string; device_type: DeviceType }>(
      `SELECT id, token, device_type FROM push_tokens WHERE ${conditions.join(' AND ')} ORDER BY id ${limit}`,
      values
    );
    return result.rows.map((row) => ({ id: row.id, token: row.token, deviceType: row.device_type }));
  }

  /** The id ending the page of `limit` active tokens after `afterId`, or undefined past the last one. */
  async pageEnd(selection: ActiveSelection, afterId: string, limit: number): Promise<string | undefined> {
    const values: unknown[] = [afterId];
    const conditions = [`status = 'active'`, 'id > $1', ...selectionConditions(selection, values)];
    values.push(limit);
    const result = await this.pool.query<{ last: string | null }>(
      `SELECT max(id) AS last FROM (SELECT id FROM push_tokens WHERE ${conditions.join(' AND ')} ORDER BY id
        LIMIT $${values.length}) AS page`,
      values
    );
    return result.rows[0].last ?? undefined;
  }

  /** How many active tokens the selection holds, counting no further than `upTo`. */
  async countActive(selection: ActiveSelection, upTo: number): Promise<number> {
    const values: unknown[] = [];
    const conditions = [`status = 'active'`, ...selectionConditions(selection, values)];
    values.push(upTo);
    const result = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM push_tokens WHERE ${conditions.join(' AND ')} LIMIT $${values.length}) AS t`,
      values
    );
    return result.rows[0].n;
  }

  /** Keyset pagination in id order, so pages stay stable while tokens are added. */
  async list(query: TokenListQuery): Promise<TokenPage> {
    const limit = query.limit ?? 100;
    const conditions = ['id > $1'];
    const values: unknown[] = [cursorId(query.cursor)];
    const filters: [string, string | undefined][] = [
      ['status', query.status],
      ['device_type', query.deviceType],
      ['user_id', query.userId]
    ];
    for (const [column, value] of filters) {
      if (value === undefined) continue;
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
    }
    values.push(limit + 1);
    const result = await this.pool.query<TokenRow>(
      `SELECT * FROM push_tokens WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT $${values.length}`,
      values
    );
    const rows = result.rows.slice(0, limit);
    const page: TokenPage = { items: rows.map(toSummary) };
    if (result.rows.length > limit) page.nextCursor = encodeCursor(rows[rows.length - 1].id);
    return page;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('tokens', new TokenRepository(app.pg.pool));
  },
  { name: 'token-repository', dependencies: ['database'] }
);
