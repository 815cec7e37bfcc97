import type { FastifyInstance } from 'fastify';

/** Every row the service stores for clients, in a stable order: compare two snapshots to prove nothing changed. */
export async function storedData(app: FastifyInstance): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    push_tokens: 'SELECT * FROM push_tokens ORDER BY id',
    sends: 'SELECT * FROM sends ORDER BY created_at, id',
    send_batches: 'SELECT * FROM send_batches ORDER BY send_id, seq',
    send_requests: 'SELECT * FROM send_requests ORDER BY request_id',
    receipts: 'SELECT * FROM receipts ORDER BY id',
    receipt_nonces: 'SELECT * FROM receipt_nonces ORDER BY nonce',
    test_message_days: 'SELECT * FROM test_message_days ORDER BY day',
    audit_log: 'SELECT * FROM audit_log ORDER BY id'
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, query] of Object.entries(tables)) snapshot[table] = (await app.pg.query(query)).rows;
  return snapshot;
}

/** One digest of every stored row: cheap enough to take around every request of a fuzz run. */
export async function storedDataDigest(app: FastifyInstance): Promise<string> {
  const { rows } = await app.pg.query<{ digest: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM push_tokens t),
      (SELECT string_agg(s::text, ',' ORDER BY s.created_at, s.id) FROM sends s),
      (SELECT string_agg(b::text, ',' ORDER BY b.send_id, b.seq) FROM send_batches b),
      (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM receipts r),
      (SELECT string_agg(n::text, ',' ORDER BY n.nonce) FROM receipt_nonces n),
      (SELECT string_agg(d::text, ',' ORDER BY d.day) FROM test_message_days d),
      (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM audit_log a))) AS digest`);
  return rows[0].digest;
}
