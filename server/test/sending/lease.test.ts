import t from 'tap';
import { startTestService } from '../helpers/service';


t.test('a batch recorded as started by a live worker is never started again', async (t) => {
  const { app } = await startTestService(t, { SEND_WORKERS: '0' });
  const sendId = '00000000-0000-4000-8000-0000000000bb';
  await app.pg.query(
    `INSERT INTO sends (id, push_type, state, message, target) VALUES ($1, 6, 'sending', '{"payload":{"extraData":"x"}}', '{"tokens":["a"]}')`,
    [sendId]
  );
  await app.pg.query(`INSERT INTO send_batches (send_id, seq, tokens) VALUES ($1, 0, '{a}')`, [sendId]);
  const sends = app.sendRepository;
  const first = await sends.startBatch(sendId, 0, 30);
  t.equal(first.kind, 'started', 'the first worker takes the batch');
  // pg-boss hands the same job to a second worker (its expiry passed while the first still works on it).
  const second = await sends.startBatch(sendId, 0, 30);
  t.equal(second.kind, 'busy', 'the second worker does not start it');
  const { rows } = await app.pg.query('SELECT starts FROM send_batches WHERE send_id = $1', [sendId]);
  t.equal(rows[0].starts, 1);

  // The first worker renews its lease while it works; once a worker is gone its lease runs out and the batch is
  // taken again (its appMessageId lets devices drop what the dead worker may have sent).
  await sends.renewLease(sendId, 0, 30);
  t.equal((await sends.startBatch(sendId, 0, 30)).kind, 'busy', 'a renewed lease still holds');
  await app.pg.query(`UPDATE send_batches SET lease_until = now() - interval '1 second' WHERE send_id = $1`, [sendId]);
  t.equal((await sends.startBatch(sendId, 0, 30)).kind, 'started', 'a lapsed lease is taken over');
});
