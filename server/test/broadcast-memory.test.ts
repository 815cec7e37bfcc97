import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { createTestDatabase } from './helpers/database';
import { startTestEmulator } from './helpers/pushkit';
import { ADMIN_KEY, APP_KEY, startTestService } from './helpers/service';
import { seedDevices, writeServiceAccount } from './helpers/broadcast';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * A coarse guard against a broadcast that holds its audience in memory (200k tokens are ~40 MB as strings alone,
 * more as objects). The built server idles at ~100 MB; the embedded database lives in the same process and adds
 * its own pages. The measured figures, 100k against 1M, are in `npm run bench`.
 */
const PEAK_RSS_BOUND_MB = process.env.DATABASE_URL ? 320 : 768;

const peakRssMb = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

t.test('a 200,000-token broadcast stays under a fixed peak RSS', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  const { account, pushKit } = await startTestEmulator(t, { inbox: { perDevice: 1, total: 1000 } });

  const seeding = await startTestService(t, {}, db);
  await seedDevices(seeding.app, account, 200_000);
  await seeding.close();

  // The server as `npm start` runs it: built to plain JavaScript.
  execFileSync(process.execPath, ['build.mjs'], { cwd: SERVER_DIR });
  const child = spawn(process.execPath, [path.join(SERVER_DIR, 'dist/bin/server.mjs')], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      APP_KEYS: APP_KEY,
      ADMIN_KEYS: ADMIN_KEY,
      PUSHKIT_SERVICE_ACCOUNT: await writeServiceAccount(db.dataDir, account),
      PUSHKIT_BASE_URL: pushKit.baseUrl
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  t.teardown(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  let baseUrl: string | undefined;
  for (let i = 0; i < 600 && !baseUrl; i++) {
    baseUrl = /harmony-push listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (!baseUrl) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!baseUrl) throw new Error(`the server did not start:\n${output}`);
  const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const started = await fetch(`${baseUrl}/send`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ pushType: 6, payload: { extraData: 'memory' }, target: { all: true } })
  });
  t.equal(started.status, 202);
  const { sendId } = (await started.json()) as { sendId: string };
  let send: { state: string; accepted: number } = { state: 'queued', accepted: 0 };
  for (let i = 0; i < 1200 && !['completed', 'cancelled', 'failed'].includes(send.state); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    send = (await (await fetch(`${baseUrl}/sends/${sendId}`, { headers: admin })).json()) as typeof send;
  }
  t.match(send, { state: 'completed', accepted: 200_000 });
  const peak = await peakRssMb(child.pid as number);
  t.ok(peak > 0 && peak < PEAK_RSS_BOUND_MB, `peak RSS ${peak.toFixed(0)} MB, bound ${PEAK_RSS_BOUND_MB} MB`);
});
