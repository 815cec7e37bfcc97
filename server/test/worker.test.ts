import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { PushType } from '@harmony-push/shared';
import { startTestService } from './helpers/service';
import { finished, receivedCounts, seedDevices, sendStatus, startBroadcast, waitFor, writeServiceAccount } from './helpers/broadcast';

const WORKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/worker.ts');

function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function stopWorker(worker: { child: ChildProcess }): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  await once(worker.child, 'exit');
}

t.test('npm run worker needs the PostgreSQL the API uses', async (t) => {
  const worker = startWorker({ DATA_DIR: '/nonexistent' });
  const [code] = await once(worker.child, 'exit');
  t.equal(code, 1);
  t.match(worker.output(), /DATABASE_URL: npm run worker needs the PostgreSQL/);
});

if (!process.env.DATABASE_URL) {
  t.comment('worker processes share a broadcast only through PostgreSQL: set DATABASE_URL to run the rest');
} else {
  const background = { pushType: PushType.BACKGROUND, payload: { extraData: 'to every device' } };

  /** An API process without workers, its emulator, and what worker processes need to join them. */
  async function setUp(t: Test) {
    // Short retry window and timeouts: a batch of a killed worker is handed out again after ~10 s.
    const timing = { PUSHKIT_RETRY_WINDOW_MS: '1000', PUSHKIT_TIMEOUT_MS: '2000' };
    // Each Push Kit answer takes 100 ms, so a broadcast is still running when the test kills its worker.
    const service = await startTestService(t, { SEND_WORKERS: '0', ...timing }, undefined, {
      inbox: { perDevice: 5, total: 200_000 },
      faults: { latencyMs: 100 }
    });
    const keyFile = await writeServiceAccount(service.db.dataDir, service.pushKit.account);
    const workerEnv = {
      DATABASE_URL: service.db.databaseUrl as string,
      DATA_DIR: service.db.dataDir,
      PUSHKIT_SERVICE_ACCOUNT: keyFile,
      PUSHKIT_BASE_URL: service.pushKit.baseUrl,
      SEND_WORKERS: '4',
      ...timing
    };
    return { ...service, workerEnv };
  }

  t.test('kill -9 in the middle of a 50,000-token broadcast: after a restart the job completes', async (t) => {
    const { app, emulator, pushKit, workerEnv } = await setUp(t);
    const tokens = await seedDevices(app, pushKit.account, 50_000);
    const sendId = await startBroadcast(app, background);

    const first = startWorker(workerEnv);
    await waitFor(app, sendId, (send) => (send.batchesDone as number) >= 10);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const inFlight = await app.pg.query(`SELECT seq FROM send_batches WHERE send_id = $1 AND state = 'started'`, [sendId]);
    const doneAtCrash = (await sendStatus(app, sendId)).batchesDone;
    t.ok(doneAtCrash < 50, `killed with ${doneAtCrash} of 50 batches done and ${inFlight.rows.length} in flight`);

    const second = startWorker(workerEnv);
    t.teardown(() => stopWorker(second));
    const done = await waitFor(app, sendId, finished, 120);
    t.match(done, { state: 'completed', requested: 50_000, accepted: 50_000, batchesDone: 50 });

    const twice = await app.pg.query('SELECT seq FROM send_batches WHERE send_id = $1 AND starts > 1 ORDER BY seq', [sendId]);
    t.ok(
      twice.rows.every((row) => inFlight.rows.some((flying) => flying.seq === row.seq)),
      'only batches in flight at the crash were started again'
    );
    const counts = await receivedCounts(emulator, tokens);
    t.notOk([...counts.values()].includes(0), 'the emulator saw every token');
    const repeated = await app.pg.query(
      `SELECT t.token FROM push_tokens t JOIN send_batches b ON t.id > b.after_id AND t.id <= b.last_id
        WHERE b.send_id = $1 AND b.starts > 1`,
      [sendId]
    );
    const mayRepeat = new Set(repeated.rows.map((row) => row.token as string));
    const outside = [...counts].filter(([token, count]) => count > 1 && !mayRepeat.has(token));
    t.same(outside, [], 'no token more than once outside the batches in flight at the crash');
  });

  t.test('two worker processes share one broadcast: no batch is claimed twice', async (t) => {
    const { app, emulator, pushKit, workerEnv } = await setUp(t);
    const tokens = await seedDevices(app, pushKit.account, 20_000);
    const workers = [startWorker(workerEnv), startWorker(workerEnv)];
    t.teardown(() => Promise.all(workers.map(stopWorker)));
    const sendId = await startBroadcast(app, background);
    const done = await waitFor(app, sendId, finished, 120);
    t.match(done, { state: 'completed', requested: 20_000, accepted: 20_000, batchesDone: 20 });
    const { rows } = await app.pg.query('SELECT starts FROM send_batches WHERE send_id = $1', [sendId]);
    t.same([...new Set(rows.map((row) => row.starts))], [1], 'every batch started exactly once');
    const counts = await receivedCounts(emulator, tokens);
    t.same([...new Set(counts.values())], [1], 'every device got the message exactly once');
  });
}
