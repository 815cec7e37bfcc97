import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import t, { type Test } from 'tap';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock';
import { databaseFor } from '../helpers/database';
import { assertStartupFailure, exited, run, serverEnv, startServer, stop, type Running } from '../helpers/processes';
import { ADMIN_KEY, APP_KEY } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

// Several server processes start one after the other here.
t.setTimeout(300_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The two lines a second process prints when `holder` has the embedded database in `dataDir`. */
function inUseMessage(dataDir: string, holder: number): RegExp {
  return new RegExp(
    `^DATA_DIR=${escape(dataDir)}: the embedded database there is in use by process ${holder} \\((?:.+, )?since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\.\n` +
      'Only one process can open it: stop that process, set DATA_DIR to another directory, or set DATABASE_URL to use PostgreSQL\\.\n?$'
  );
}

t.test('one lock per data directory, in one process too', async (t) => {
  const db = await databaseFor(t);
  const dataDir = path.join(db.dataDir, 'nested', 'data');

  const first = await lockDataDir(dataDir);
  const refused = await lockDataDir(dataDir).then(
    () => undefined,
    (error: unknown) => error
  );
  t.type(refused, DataDirLockedError);
  t.match((refused as Error).message, inUseMessage(dataDir, process.pid));
  t.match((refused as DataDirLockedError).holder, { pid: process.pid });

  await first.release();
  const again = await lockDataDir(dataDir);
  t.pass('released, the directory can be locked again');
  await again.release();
});

t.test('a lock file naming a live process that holds no lock (pid reuse) does not block', async (t) => {
  const db = await databaseFor(t);
  // The parent of this test process is alive, just as an unrelated process that got a dead holder's pid would be.
  await writeFile(path.join(db.dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, since: new Date().toISOString() }));
  const lock = await lockDataDir(db.dataDir);
  t.pass('locked');
  await lock.release();
});

const register = (baseUrl: string, token: string) =>
  fetch(`${baseUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-key': APP_KEY },
    body: JSON.stringify({ token, deviceType: 'phone' })
  }).then((res) => res.status);

async function storedTokens(baseUrl: string): Promise<Set<string>> {
  const stored = new Set<string>();
  let cursor: string | undefined;
  do {
    const res = await fetch(`${baseUrl}/tokens?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` }
    });
    const page = (await res.json()) as { items: { token: string }[]; nextCursor?: string };
    // Listed tokens are masked: compare by the masked form the API shows.
    for (const item of page.items) stored.add(item.token);
    cursor = page.nextCursor;
  } while (cursor);
  return stored;
}

/** The refusal of a second process: exit code 1, the exact message, no stack trace, nothing started. */
async function assertRefused(t: Test, second: Running, dataDir: string, holder: number) {
  await assertStartupFailure(t, second, inUseMessage(dataDir, holder));
  t.notMatch(second.output(), /listening/, 'nothing was started');
}

if (process.env.DATABASE_URL) {
  t.test('with DATABASE_URL, processes sharing a DATA_DIR all start (the lock guards the embedded database only)', async (t) => {
    const db = await databaseFor(t);
    const first = await startServer(serverEnv(db));
    t.teardown(() => stop(first));
    const second = await startServer(serverEnv(db));
    t.teardown(() => stop(second));
    const token = tokenOf('shared');
    t.equal(await register(first.baseUrl, token), 201);
    t.equal(await register(second.baseUrl, token), 200, 'both serve the same database');
  });
} else {
  t.test('two servers on one DATA_DIR: the second refuses at once, no acknowledged write is lost', async (t) => {
    const db = await databaseFor(t);
    const first = await startServer(serverEnv(db));

    const tokens = Array.from({ length: 150 }, (_, i) => tokenOf(`two-processes-${i}`));
    const writes = Promise.all(tokens.map((token) => register(first.baseUrl, token)));
    const second = run('server', serverEnv(db));
    await assertRefused(t, second, path.resolve(db.dataDir), first.child.pid as number);
    const statuses = await writes;
    t.same(statuses, tokens.map(() => 201), 'the first process acknowledged every registration');

    const listedBefore = await storedTokens(first.baseUrl);
    t.equal(await stop(first), 0);
    const restarted = await startServer(serverEnv(db));
    t.teardown(() => stop(restarted));
    t.same(await storedTokens(restarted.baseUrl), listedBefore, 'after a restart every acknowledged token is there');
    t.equal(listedBefore.size, 150);
    const again = await Promise.all(tokens.map((token) => register(restarted.baseUrl, token)));
    t.same(again, tokens.map(() => 200), 'each one is known');
  });

  t.test('a lock left by kill -9 does not block the next start', async (t) => {
    const db = await databaseFor(t);
    const first = await startServer(serverEnv(db));
    const token = tokenOf('survives-kill-9');
    t.equal(await register(first.baseUrl, token), 201);
    first.child.kill('SIGKILL');
    t.equal(await exited(first), 'SIGKILL');

    const next = await startServer(serverEnv(db));
    t.teardown(() => stop(next));
    t.equal(await register(next.baseUrl, token), 200, 'the next start opens the database and keeps the acknowledged write');
  });

  t.test('a holder that is alive but hung keeps its lock', async (t) => {
    const db = await databaseFor(t);
    const first = await startServer(serverEnv(db));
    t.teardown(async () => {
      first.child.kill('SIGCONT');
      await stop(first);
    });
    first.child.kill('SIGSTOP');
    const second = run('server', serverEnv(db));
    await assertRefused(t, second, path.resolve(db.dataDir), first.child.pid as number);
  });
}

t.test('a process outside harmony-push holding the lock is named too', async (t) => {
  const db = await databaseFor(t);
  // Another process takes the lock through the same module and then keeps still.
  const holder = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('${path.resolve(import.meta.dirname, '../../src/db/data-dir-lock.ts')}').then(async (m) => { await m.lockDataDir(${JSON.stringify(db.dataDir)}); console.log('locked'); setInterval(() => {}, 1000); })`],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  t.teardown(() => holder.kill('SIGKILL'));
  await once(holder.stdout, 'data');
  const refused = await lockDataDir(db.dataDir).then(
    () => undefined,
    (error: unknown) => error
  );
  t.match((refused as Error)?.message, inUseMessage(db.dataDir, holder.pid as number));
});
