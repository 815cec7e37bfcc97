import { randomUUID } from 'node:crypto';
import t from 'tap';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { finished, seedDevices, waitFor } from '../helpers/broadcast';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const background = { pushType: 6, payload: { extraData: 'sync' } };

const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '2' });

const getSend = async (sendId: string) => (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
const batchRows = async (sendId: string) =>
  (await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM send_batches WHERE send_id = $1', [sendId])).rows[0].n;
const completedAt = async (sendId: string) =>
  (await app.pg.query<{ completed_at: Date }>('SELECT completed_at FROM sends WHERE id = $1', [sendId])).rows[0].completed_at.getTime();

/** The counts a send keeps for ever. */
const countsOf = (send: Record<string, unknown>) => {
  const { state, requested, accepted, failed, skipped, unknown, batchesDone, batchesTotal, pushType, createdAt, completedAt } = send;
  return { state, requested, accepted, failed, skipped, unknown, batchesDone, batchesTotal, pushType, createdAt, completedAt };
};

t.test('send details are pruned SEND_RETENTION_DAYS (30) after a send completed; its counts are kept', async (t) => {
  const tokens = await seedDevices(app, pushKit.account, 1100);
  const immediate = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...background, target: { tokens: tokens.slice(0, 3) } } });
  t.equal(immediate.statusCode, 200, immediate.body);
  const immediateId = immediate.json().sendId;
  const job = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...background, target: { tokens: tokens.slice(0, 2), all: true } } });
  t.equal(job.statusCode, 202, job.body);
  const jobId = job.json().sendId;
  await waitFor(app, jobId, finished);

  const before = { immediate: await getSend(immediateId), job: await getSend(jobId) };
  t.equal(before.immediate.results.length, 3);
  t.equal(before.immediate.batches.length, 1);
  t.equal(before.job.batches.length, 3);
  t.equal(await batchRows(jobId), 3);
  const last = Math.max(await completedAt(immediateId), await completedAt(jobId));
  const first = Math.min(await completedAt(immediateId), await completedAt(jobId));

  await app.maintenance.run(new Date(first + 30 * DAY_MS - MINUTE_MS));
  t.same(await getSend(immediateId), before.immediate, 'one minute short of 30 days: all kept');
  t.same(await getSend(jobId), before.job);

  const report = await app.maintenance.run(new Date(last + 30 * DAY_MS + MINUTE_MS));
  t.equal(report.retention.sendDetails, 2, 'two sends pruned');
  for (const [id, was] of [[immediateId, before.immediate], [jobId, before.job]]) {
    const after = await getSend(id);
    t.same(countsOf(after), countsOf(was), 'the counts are kept');
    t.same(after.results, [], 'per-token results are gone');
    t.same(after.batches, [], 'batch reports are gone');
    t.ok(after.detailsPrunedAt, 'the answer says why');
  }
  t.equal(await batchRows(jobId), 0, 'the batch rows are deleted');
  const tokensKept = await app.pg.query('SELECT tokens FROM sends WHERE id = $1', [immediateId]);
  t.equal(tokensKept.rows[0].tokens, null, "an immediate send's tokens are gone");
  const requests = await app.pg.query('SELECT count(*)::int AS n FROM send_requests WHERE send_id = ANY($1)', [[immediateId, jobId]]);
  t.equal(requests.rows[0].n, 0, 'so are the requestIds of its Push Kit requests');
  const { rows } = await app.pg.query('SELECT target FROM sends WHERE id = $1', [jobId]);
  t.same(rows[0].target, { all: true }, 'the tokens a job named are gone from its target');

  const again = await app.maintenance.run(new Date(last + 31 * DAY_MS));
  t.equal(again.retention.sendDetails, 0, 'a pruned send is not pruned again');
});

t.test('a send still running is never pruned', async (t) => {
  const id = randomUUID();
  await app.pg.query(
    `INSERT INTO sends (id, push_type, state, message, results, created_at) VALUES ($1, 6, 'sending', '{}', '[{"token":"x","status":"accepted"}]', now() - interval '400 days')`,
    [id]
  );
  await app.maintenance.run(new Date(Date.now() + 400 * DAY_MS));
  t.equal((await getSend(id)).results.length, 1);
});
