import fp from 'fastify-plugin';
import type { Pool, PoolClient } from 'pg';
import { DatabaseTimeoutError, isDatabaseUnavailable } from '../db/errors';
import { operationDeadline, remainingMs, underDeadline } from '../db/deadline';
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
 * Registration is an upsert keyed by the token, so concurrent registrations of one token
 * converge on one row. A known token is refreshed (last seen), re-activated if it was disabled,
 * and keeps its user unless a verified login names another one (account switch).
 * `updated_at` moves only when something about the token changed.
 * `userId` is the SQL for the user a refreshed token ends up with.
 */
const refreshKnownToken = (userId: string) => `
  ON CONFLICT (token) DO UPDATE SET
    device_type     = EXCLUDED.device_type,
    os_api_version  = COALESCE(EXCLUDED.os_api_version, t.os_api_version),
    app_version     = COALESCE(EXCLUDED.app_version, t.app_version),
    user_id         = ${userId},
    status          = 'active',
    disabled_reason = NULL,
    disabled_at     = NULL,
    last_seen_at    = now(),
    updated_at      = CASE WHEN (t.device_type, t.os_api_version, t.app_version, t.user_id, t.status)
                         IS DISTINCT FROM (EXCLUDED.device_type, COALESCE(EXCLUDED.os_api_version, t.os_api_version),
                                           COALESCE(EXCLUDED.app_version, t.app_version), ${userId}, 'active')
                       THEN now() ELSE t.updated_at END
  RETURNING t.*, (xmax = 0) AS inserted`;

/** One registration that may inherit the user of the token it replaces ($6). */
const UPSERT = `
  INSERT INTO push_tokens AS t (token, device_type, os_api_version, app_version, user_id)
  VALUES ($1, $2, $3, $4, COALESCE($5, $6))
  ${refreshKnownToken('COALESCE($5, t.user_id, $6)')}`;

/**
 * Many registrations of distinct tokens in one statement, in token order: two such statements running at once
 * lock their common tokens in the same order, so they wait on each other but never deadlock.
 */
const UPSERT_MANY = `
  INSERT INTO push_tokens AS t (token, device_type, os_api_version, app_version, user_id)
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])
    AS given(token, device_type, os_api_version, app_version, user_id)
  ORDER BY token
  ${refreshKnownToken('COALESCE(EXCLUDED.user_id, t.user_id)')}`;

/** Upsert statements of coalesced registrations running at once; the rest of the pool stays free for other work. */
const COALESCED_STATEMENTS = 4;
/** Bounds one statement's size (tokens may be 4096 characters). */
const MAX_COALESCED_ROWS = 500;

interface PendingRegistration {
  registration: TokenRegistration;
  userId: string | undefined;
  /** Its request's deadline: the statement holding it is bounded by the earliest one of its batch. */
  deadline: number | undefined;
  resolve(outcome: RegistrationOutcome): void;
  reject(error: unknown): void;
}

type RegistrationRow = TokenRow & { inserted: boolean };

const outcomeOf = (row: RegistrationRow): RegistrationOutcome => ({ summary: toSummary(row), created: row.inserted });

/**
 * Registrations without a previous token, coalesced under load: while COALESCED_STATEMENTS statements run, new
 * registrations wait and then leave together in one multi-row upsert, so a thousand registrations cost a few
 * round trips and commits instead of a thousand. Alone, a registration leaves at once, in its own statement.
 * Each one is answered only after the statement holding it committed, with its own 201 or 200 (a token registered
 * twice meanwhile goes into the next statement, after the first has committed); when that statement fails or its
 * commit is not confirmed, every registration it held gets the error, never a 2xx.
 */
class RegistrationCoalescer {
  private pending: PendingRegistration[] = [];
  private running = 0;
  private flushScheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly single: (registration: TokenRegistration, userId: string | undefined) => Promise<RegistrationOutcome>
  ) {}

  register(registration: TokenRegistration, userId: string | undefined): Promise<RegistrationOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ registration, userId, deadline: operationDeadline(), resolve, reject });
      this.scheduleFlush();
    });
  }

  /** After the current I/O callbacks, so that registrations parsed in the same turn of the event loop leave together. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.running >= COALESCED_STATEMENTS || this.pending.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.running < COALESCED_STATEMENTS && this.pending.length > 0) {
        const batch = this.takeBatch();
        if (batch.length === 0) continue;
        this.running += 1;
        void this.upsert(batch).finally(() => {
          this.running -= 1;
          this.scheduleFlush();
        });
      }
    });
  }

  /** The oldest registrations, one per token: a statement may not upsert a row twice. */
  private takeBatch(): PendingRegistration[] {
    const batch: PendingRegistration[] = [];
    const later: PendingRegistration[] = [];
    const tokens = new Set<string>();
    for (const entry of this.pending) {
      const token = entry.registration.token;
      if (entry.deadline !== undefined && remainingMs(entry.deadline) <= 0) {
        entry.reject(new DatabaseTimeoutError());
      } else if (batch.length < MAX_COALESCED_ROWS && !tokens.has(token)) {
        tokens.add(token);
        batch.push(entry);
      } else {
        later.push(entry);
      }
    }
    this.pending = later;
    return batch;
  }

  private async upsert(batch: PendingRegistration[]): Promise<void> {
    let rows: Map<string, RegistrationRow>;
    const deadlines = batch.flatMap((entry) => (entry.deadline === undefined ? [] : [entry.deadline]));
    const deadline = deadlines.length > 0 ? Math.min(...deadlines) : undefined;
    try {
      const result = await underDeadline(deadline, () => this.pool.query<RegistrationRow>(UPSERT_MANY, [
        batch.map((entry) => entry.registration.token),
        batch.map((entry) => entry.registration.deviceType),
        batch.map((entry) => entry.registration.osApiVersion ?? null),
        batch.map((entry) => entry.registration.appVersion ?? null),
        batch.map((entry) => entry.userId ?? null)
      ]));
      rows = new Map(result.rows.map((row) => [row.token, row]));
    } catch (error) {
      // An unreachable database fails every registration alike, and at once. Any other failure is retried one
      // statement per registration, so that one registration's problem is never another's.
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      await Promise.all(
        batch.map((entry) => underDeadline(entry.deadline, () => this.single(entry.registration, entry.userId)).then(entry.resolve, entry.reject))
      );
      return;
    }
    for (const entry of batch) entry.resolve(outcomeOf(rows.get(entry.registration.token) as RegistrationRow));
  }
}

export class TokenRepository {
  private readonly coalescer: RegistrationCoalescer;

  constructor(private readonly pool: Pool) {
    this.coalescer = new RegistrationCoalescer(pool, (registration, userId) => this.upsert(pool, registration, userId, null));
  }

  /**
   * Registers or refreshes a token. With `previousToken` the old record is replaced in the same
   * transaction and its user binding carries over to the new token.
   */
  async register(registration: TokenRegistration, userId: string | undefined): Promise<RegistrationOutcome> {
    const previous = registration.previousToken;
    if (previous === undefined || previous === registration.token) {
      return this.coalescer.register(registration, userId);
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
    const result = await db.query<RegistrationRow>(UPSERT, [
      registration.token,
      registration.deviceType,
      registration.osApiVersion ?? null,
      registration.appVersion ?? null,
      userId ?? null,
      inheritedUserId
    ]);
    return outcomeOf(result.rows[0]);
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
