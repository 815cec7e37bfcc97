import t from 'tap';
import { TokenStatus } from '@harmony-push/shared';
import { MAINTENANCE_QUEUE } from '../../src/maintenance/plugin';
import { startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const DAY_MS = 24 * 60 * 60 * 1000;

const { app, logs } = await startTestService(t, { SEND_WORKERS: '1', TOKEN_STALE_DAYS: '40', TOKEN_EXPIRE_DAYS: '100', SEND_RETENTION_DAYS: '7' });
const status = async (token: string) => (await app.pg.query('SELECT status FROM push_tokens WHERE token = $1', [token])).rows[0]?.status;

t.test('the periods come from the configuration, and retention runs every pruner with its cutoff', async (t) => {
  const cutoffs: Date[] = [];
  app.maintenance.addPruner('example', async (before) => {
    cutoffs.push(before);
    return 5;
  });
  const now = new Date('2031-01-31T12:00:00Z');
  const report = await app.maintenance.run(now);
  t.same(cutoffs, [new Date(now.getTime() - 7 * DAY_MS)], 'SEND_RETENTION_DAYS before now');
  t.same(report.retention, { sendDetails: 0, receipts: 0, example: 5 });

  const token = tokenOf('forty');
  await app.pg.query(`INSERT INTO push_tokens (token, device_type) VALUES ($1, 'phone')`, [token]);
  const seen = (await app.pg.query('SELECT last_seen_at FROM push_tokens WHERE token = $1', [token])).rows[0].last_seen_at.getTime();
  t.same((await app.maintenance.run(new Date(seen + 39 * DAY_MS))).tokens, { markedStale: 0, deleted: 0 });
  t.same((await app.maintenance.run(new Date(seen + 41 * DAY_MS))).tokens, { markedStale: 1, deleted: 0 }, 'TOKEN_STALE_DAYS=40');
  t.same((await app.maintenance.run(new Date(seen + 101 * DAY_MS))).tokens, { markedStale: 0, deleted: 1 }, 'TOKEN_EXPIRE_DAYS=100');
});

t.test('the job is scheduled hourly with pg-boss, and a job on its queue sweeps with the real clock', async (t) => {
  const { rows: schedules } = await app.backgroundPool.query('SELECT name, cron, timezone FROM pgboss.schedule');
  t.same(schedules, [{ name: MAINTENANCE_QUEUE, cron: '0 * * * *', timezone: 'UTC' }]);

  const token = tokenOf('old');
  await app.pg.query(`INSERT INTO push_tokens (token, device_type, last_seen_at) VALUES ($1, 'phone', now() - interval '41 days')`, [token]);
  const client = await app.backgroundPool.connect();
  try {
    await app.jobQueue.enqueue(client, MAINTENANCE_QUEUE, [{}]);
  } finally {
    client.release();
  }
  for (let waited = 0; waited < 60_000 && (await status(token)) !== TokenStatus.STALE; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.equal(await status(token), TokenStatus.STALE, 'the worker ran the sweep');
});

t.test('a failing pruner does not stop the others; the run fails, so pg-boss retries it', async (t) => {
  app.maintenance.addPruner('broken', async () => {
    throw new Error('no such table');
  });
  app.maintenance.addPruner('fine', async () => 2);
  await t.rejects(app.maintenance.run(new Date()), /broken/);
  t.match(logs.text(), /no such table/, 'the failure is logged');
  t.ok(logs.lines.some((line) => line.includes('"fine":2')), 'the pruner after it ran');
});
