import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded';
import { LogCapture, testConfig } from './service';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestEmulator } from './pushkit';
import { TcpLink } from './tcp-link';

export interface LinkedApp {
  app: FastifyInstance;
  db: TestDatabase;
  /** Between the app and its database (PostgreSQL, or the embedded database's socket). */
  link: TcpLink;
  embedded?: EmbeddedDatabase;
  logs: LogCapture;
  /** Closes the app and the embedded database early (to reopen the data); teardown then only drops the database. */
  close(): Promise<void>;
}

/** The app (no broadcast workers) on this test file's fresh database, reached through a TcpLink the test controls. */
export async function startLinkedApp(t: Test): Promise<LinkedApp> {
  const db = await createTestDatabase();
  const embedded = db.databaseUrl ? undefined : await startEmbeddedDatabase(db.dataDir);
  const link = new TcpLink(new URL(db.databaseUrl ?? (embedded as EmbeddedDatabase).url));
  const logs = new LogCapture();
  const { pushKit } = await startTestEmulator(t);
  const app = await buildApp({
    config: testConfig(db),
    pushKit,
    sending: { workers: 0, jobTimeoutSeconds: 60, leaseSeconds: 30, maintenanceSeconds: 60, jobRetries: 10, selfClassification: false },
    database: { url: (await link.listen()).toString(), maxConnections: embedded ? 1 : 4, embedded: embedded !== undefined },
    logStream: logs
  });
  await app.ready();
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await app.close();
    await embedded?.close();
  };
  t.teardown(async () => {
    await close();
    await link.close();
    await db.drop();
  });
  return { app, db, link, embedded, logs, close };
}
