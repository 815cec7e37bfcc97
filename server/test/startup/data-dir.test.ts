import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { LOCK_FILE } from '../../src/db/data-dir-lock';
import { DEV_SERVICE_ACCOUNT_FILE } from '../../src/emulator/dev-service-account';
import { databaseFor, type TestDatabase } from '../helpers/database';
import { assertStartupFailure, run, serverEnv, unprivileged } from '../helpers/processes';

// A DATA_DIR that cannot be written is named, with the path that failed and what to do.
t.setTimeout(300_000);

t.test('a DATA_DIR this user cannot write', async (t) => {
  const db = await databaseFor(t);
  const dataDir = path.join(db.dataDir, 'read-only');
  await mkdir(dataDir);
  await chmod(db.dataDir, 0o755);
  await chmod(dataDir, 0o555);
  t.teardown(() => chmod(dataDir, 0o755));
  const { options, uid } = unprivileged();
  const running = run('server', serverEnv(db, { DATA_DIR: dataDir }), options);
  const first = firstWritten(db, dataDir, LOCK_FILE);
  await assertStartupFailure(t, running, [
    `DATA_DIR=${dataDir}: cannot write ${first} (permission denied).`,
    `Make it writable for this user (uid ${uid}), or set DATA_DIR to a directory this user can write.`
  ]);
});

/**
 * What start-up writes first in DATA_DIR: with the embedded database, its lock (`embedded` under the directory, which
 * it first creates when `embedded` is undefined); with PostgreSQL, the emulator's development service account.
 */
function firstWritten(db: TestDatabase, dataDir: string, embedded?: string): string {
  if (db.databaseUrl) return path.join(dataDir, DEV_SERVICE_ACCOUNT_FILE);
  return embedded ? path.join(dataDir, embedded) : dataDir;
}

t.test('a DATA_DIR with a file in the way', async (t) => {
  const db = await databaseFor(t);
  const file = path.join(db.dataDir, 'a-file');
  await writeFile(file, 'not a directory');
  const dataDir = path.join(file, 'data');
  const running = run('server', serverEnv(db, { DATA_DIR: dataDir }));
  await assertStartupFailure(t, running, [
    `DATA_DIR=${dataDir}: cannot write ${firstWritten(db, dataDir)} (a part of this path is a file, not a directory).`,
    'Set DATA_DIR to a path of directories, or move that file away.'
  ]);
});

t.test('a relative DATA_DIR is shown as set and as resolved', async (t) => {
  const db = await databaseFor(t);
  await writeFile(path.join(db.dataDir, 'a-file'), 'not a directory');
  const running = run('server', serverEnv(db, { DATA_DIR: 'a-file/data' }), { cwd: db.dataDir });
  const resolved = path.join(db.dataDir, 'a-file', 'data');
  await assertStartupFailure(t, running, [
    `DATA_DIR=a-file/data (${resolved}): cannot write ${firstWritten(db, resolved)} (a part of this path is a file, not a directory).`,
    'Set DATA_DIR to a path of directories, or move that file away.'
  ]);
});
