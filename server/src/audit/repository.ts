import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import sql, { join } from 'sql-template-tag';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '@harmony-push/shared';
import { decodeCursor, encodeCursor } from '../registry/cursor';

/** A row of `audit_log`. */
interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  admin_key_id: string;
  subject: string;
}

export interface NewAuditEntry {
  action: AuditAction;
  adminKeyId: string;
  subject: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  action: row.action,
  adminKeyId: row.admin_key_id,
  subject: row.subject
});

/** The one owner of `audit_log`: admin actions are appended, never changed. */
export class AuditRepository {
  constructor(private readonly pool: Pool) {}

  async record(entry: NewAuditEntry): Promise<void> {
    await this.pool.query(
      sql`INSERT INTO audit_log (action, admin_key_id, subject) VALUES (${entry.action}, ${entry.adminKeyId}, ${entry.subject})`
    );
  }

  /** Newest first, by keyset on the id. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const conditions = [sql`true`];
    if (query.cursor !== undefined) conditions.push(sql`id < ${decodeCursor(query.cursor) as string}`);
    if (query.action !== undefined) conditions.push(sql`action = ${query.action}`);
    const result = await this.pool.query<AuditRow>(
      sql`SELECT * FROM audit_log WHERE ${join(conditions, ' AND ')} ORDER BY id DESC LIMIT ${limit + 1}`
    );
    const rows = result.rows.slice(0, limit);
    const page: AuditPage = { items: rows.map(toEntry) };
    if (result.rows.length > limit) page.nextCursor = encodeCursor(rows[rows.length - 1].id);
    return page;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    auditLog: AuditRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('auditLog', new AuditRepository(app.pg.pool));
  },
  { name: 'audit-repository', dependencies: ['database'] }
);
