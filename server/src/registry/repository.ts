import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import sql, { join } from 'sql-template-tag';
import {
  TokenStatus,
  type DeviceCount,
  type TokenListQuery,
  type TokenPage,
  type TokenRegistration,
  type TokenSummary
} from '@harmony-push/shared';
import { isDatabaseUnavailable } from '../db/errors';
import * as audience from './audience';
import { Coalescer } from '../db/coalescer';
import { decodeCursor, encodeCursor } from './cursor';
import * as lifecycle from './lifecycle';
import { toSummary, type TokenRow } from './rows';

/** Coalesced upserts running at once; the rest of the pool stays free for other work. */
const COALESCED_STATEMENTS = 4;
/** Bounds one statement's size (tokens may be 4096 characters). */
const MAX_COALESCED_ROWS = 500;

/** Token counts for the metrics: by status, and the active ones by whether notifications are allowed. */
export interface TokenCensus {
  byStatus: Record<TokenStatus, number>;
  activeByNotifications: Record<'true' | 'false' | 'unknown', number>;
}

/**
 * A registered token named by its value (a developer reads it from the device's log) or by its id (the console,
 * which only ever sees tokens masked).
 */
export type TokenKey = { token: string } | { id: string };

/**
 * The one owner of `push_tokens`: the token lifecycle (./lifecycle), the audience queries of sending (./audience)
 * and the admin views. Registrations without a previous token are coalesced under load (../db/coalescer).
 */
export class TokenRepository {
  private readonly coalescer: Coalescer<lifecycle.Registration, lifecycle.RegistrationOutcome>;

  /** `background` serves the sweep: no request's statement timeout bounds it (db/plugin.ts). */
  constructor(
    private readonly pool: Pool,
    private readonly background: Pool = pool
  ) {
    this.coalescer = new Coalescer({
      run: (entries) => lifecycle.registerAll(pool, entries),
      keyOf: (entry) => entry.registration.token,
      failsEveryBatch: isDatabaseUnavailable,
      concurrency: COALESCED_STATEMENTS,
      maxBatch: MAX_COALESCED_ROWS
    });
  }

  /** Registers or refreshes a token; `userId` is the subject of the request's verified user JWT. */
  register(registration: TokenRegistration, userId: string | undefined): Promise<lifecycle.RegistrationOutcome> {
    const previous = registration.previousToken;
    if (previous === undefined || previous === registration.token) return this.coalescer.submit({ registration, userId });
    return lifecycle.rotate(this.pool, { registration, userId }, previous);
  }

  remove = (token: string) => lifecycle.remove(this.pool, token);
  unbindUser = (token: string) => lifecycle.unbindUser(this.pool, token);
  disable = (tokens: string[], reason: string) => lifecycle.disable(this.pool, tokens, reason);
  /** The lifecycle's statement for receipts, which the receipt repository runs within the one that stores them. */
  receiptReactions = lifecycle.receiptReactions;
  sweep = (cutoffs: lifecycle.SweepCutoffs, keepGoing?: () => boolean) => lifecycle.sweep(this.background, cutoffs, keepGoing);

  deviceTypesOf = (tokens: string[]) => audience.deviceTypesOf(this.pool, tokens);
  selectedTokens = (selection: audience.Selection, range: audience.TokenRange) =>
    audience.selectedTokens(this.pool, selection, range);
  pageEnds = (selection: audience.Selection, afterId: string, limit: number, pages: number) =>
    audience.pageEnds(this.pool, selection, afterId, limit, pages);
  countSelected = (selection: audience.Selection, upTo: number) => audience.countSelected(this.pool, selection, upTo);
  countAudience = (selection: audience.Selection, excluding: string[]) => audience.countAudience(this.pool, selection, excluding);

  /** Keyset pagination in id order, so pages stay stable while tokens are added. */
  async list(query: TokenListQuery): Promise<TokenPage> {
    const limit = query.limit ?? 100;
    const afterId = query.cursor === undefined ? '0' : (decodeCursor(query.cursor) as string);
    const conditions = [sql`id > ${afterId}`];
    if (query.status !== undefined) conditions.push(sql`status = ${query.status}`);
    if (query.deviceType !== undefined) conditions.push(sql`device_type = ${query.deviceType}`);
    if (query.userId !== undefined) conditions.push(sql`user_id = ${query.userId}`);
    if (query.notificationsEnabled !== undefined) conditions.push(sql`notifications_enabled = ${query.notificationsEnabled}`);
    if (query.testDevice !== undefined) conditions.push(sql`test_device = ${query.testDevice}`);
    if (query.tokenSuffix !== undefined) conditions.push(sql`right(token, ${query.tokenSuffix.length}) = ${query.tokenSuffix}`);
    const result = await this.pool.query<TokenRow>(
      sql`SELECT * FROM push_tokens WHERE ${join(conditions, ' AND ')} ORDER BY id LIMIT ${limit + 1}`
    );
    const rows = result.rows.slice(0, limit);
    const page: TokenPage = { items: rows.map(toSummary) };
    if (result.rows.length > limit) page.nextCursor = encodeCursor(rows[rows.length - 1].id);
    return page;
  }

  /** Marks a registered token as a test device, or unmarks it; undefined when the token is not registered. */
  async setTestDevice(which: TokenKey, testDevice: boolean): Promise<TokenSummary | undefined> {
    const match = 'id' in which ? sql`id = ${which.id}` : sql`token = ${which.token}`;
    const result = await this.pool.query<TokenRow>(
      sql`UPDATE push_tokens SET test_device = ${testDevice},
                 updated_at = CASE WHEN test_device = ${testDevice} THEN updated_at ELSE now() END
           WHERE ${match} RETURNING *`
    );
    return result.rows[0] ? toSummary(result.rows[0]) : undefined;
  }

  /** One registered token by its id, with the token itself (callers mask it before showing it). */
  async byId(id: string): Promise<{ token: string; summary: TokenSummary } | undefined> {
    const result = await this.pool.query<TokenRow>(sql`SELECT * FROM push_tokens WHERE id = ${id}`);
    const row = result.rows[0];
    return row ? { token: row.token, summary: toSummary(row) } : undefined;
  }

  /** Registered tokens by device type and status, with how many of each said notifications are off. */
  async deviceCounts(): Promise<DeviceCount[]> {
    const { rows } = await this.pool.query<DeviceCount>(
      sql`SELECT device_type AS "deviceType", status, count(*)::int AS count,
                 (count(*) FILTER (WHERE notifications_enabled = false))::int AS "notificationsOff"
            FROM push_tokens GROUP BY 1, 2 ORDER BY 1, 2`
    );
    return rows;
  }

  async census(): Promise<TokenCensus> {
    const { rows } = await this.pool.query<{ status: TokenStatus; enabled: boolean | null; n: number }>(
      'SELECT status, notifications_enabled AS enabled, count(*)::int AS n FROM push_tokens GROUP BY 1, 2'
    );
    const census: TokenCensus = {
      byStatus: { [TokenStatus.ACTIVE]: 0, [TokenStatus.STALE]: 0, [TokenStatus.INACTIVE]: 0, [TokenStatus.DISABLED]: 0 },
      activeByNotifications: { true: 0, false: 0, unknown: 0 }
    };
    for (const row of rows) {
      census.byStatus[row.status] += row.n;
      if (row.status !== TokenStatus.ACTIVE) continue;
      census.activeByNotifications[row.enabled === null ? 'unknown' : row.enabled ? 'true' : 'false'] += row.n;
    }
    return census;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('tokens', new TokenRepository(app.pg.pool, app.backgroundPool));
  },
  { name: 'token-repository', dependencies: ['database'] }
);
