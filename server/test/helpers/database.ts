import { randomBytes } from 'node:crypto';
import { access, cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Test } from 'tap';
import { initializeInChildProcess } from '../../src/db/embedded-memory';

/** Where one test file keeps its data: a fresh PostgreSQL database, or a fresh embedded data directory. */
export interface TestDatabase {
  /** Set when DATABASE_URL points at a real PostgreSQL: a database created for this test file. */
  databaseUrl?: string;
  /** Always set: the embedded database lives here when `databaseUrl` is absent. */
  dataDir: string;
  drop(): Promise<void>;
}

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * An embedded cluster fresh from initdb, made once per PGlite version on this machine and shared by every test file:
 * initdb costs each embedded start some 7 s of CPU, a copy of its result a fraction of a second. Test files made at
 * once may each build one; the first to rename theirs into place wins, and the others use it.
 */
async function initializedCluster(): Promise<string> {
  const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))), '..');
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cluster = path.join(os.tmpdir(), `harmony-push-test-pglite-${version}`);
  if (await exists(path.join(cluster, 'PG_VERSION'))) return cluster;
  const building = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-test-pglite-building-'));
  await initializeInChildProcess(building);
  await rename(building, cluster).catch(() => rm(building, { recursive: true, force: true }));
  return cluster;
}

export interface TestDatabaseOptions {
  /**
   * Leaves the data directory empty, as on a first start: the server then runs initdb itself (as the user it runs
   * as). Otherwise an embedded test database starts as a copy of an initdb'd cluster.
   */
  emptyDataDir?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-test-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (options.emptyDataDir) return { dataDir, drop: removeDir };
    // Where the server keeps its embedded cluster (src/db/embedded.ts): it skips initdb for a cluster already there.
    await cp(await initializedCluster(), path.join(dataDir, 'pglite'), { recursive: true });
    return { dataDir, drop: removeDir };
  }

  const name = `hp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
      await removeDir();
    }
  };
}

/** A fresh database for one test, dropped at its teardown. */
export async function databaseFor(t: Test, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const db = await createTestDatabase(options);
  t.teardown(() => db.drop());
  return db;
}
