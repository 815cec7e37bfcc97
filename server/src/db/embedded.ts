import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { holdingDataDirLock } from './data-dir-lock';
import { compileWebAssemblyOnce, embeddedOptions, initializeInChildProcess } from './embedded-memory';

export interface EmbeddedDatabase {
  /** A `postgres://` URL on a loopback port, for the ordinary `pg` pool. */
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite persisted under `dataDir`, served over the PostgreSQL wire protocol so that
 * the server runs the same `pg` code and SQL as against a real PostgreSQL.
 * PGlite runs one session: the pool in front of it must hold a single connection; and one process only, which the
 * DATA_DIR lock ensures. The socket server admits one connection more than the pool, so that a connection the pool
 * replaces (after a timeout) may still be closing while its successor connects.
 */
export const startEmbeddedDatabase = (dataDir: string) => holdingDataDirLock(dataDir, () => openEmbeddedDatabase(dataDir));

async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  await initializeInChildProcess(dir);
  compileWebAssemblyOnce();
  const db = await PGlite.create(dir, embeddedOptions);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    }
  };
}
