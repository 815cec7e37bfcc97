import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Test } from 'tap';

/** Where one test file keeps its data: a fresh PostgreSQL database, or a fresh embedded data directory. */
export interface TestDatabase {
  /** Set when DATABASE_URL points at a real PostgreSQL: a database created for this test file. */
  databaseUrl?: string;
  /** Always set: the embedded database lives here when `databaseUrl` is absent. */
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-test-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { dataDir, drop: removeDir };

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
export async function databaseFor(t: Test): Promise<TestDatabase> {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  return db;
}
