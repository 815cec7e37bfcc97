import type { FastifyInstance } from 'fastify';

/** Every row the service stores for clients, in a stable order: compare two snapshots to prove nothing changed. */
export async function storedData(app: FastifyInstance): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    push_tokens: 'SELECT * FROM push_tokens ORDER BY id',
    sends: 'SELECT * FROM sends ORDER BY created_at, id',
    send_batches: 'SELECT * FROM send_batches ORDER BY send_id, seq'
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, query] of Object.entries(tables)) snapshot[table] = (await app.pg.query(query)).rows;
  return snapshot;
}
