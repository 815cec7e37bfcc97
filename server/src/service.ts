import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { buildApp } from './app';
import { startEmbeddedDatabase } from './db/embedded';

/** Connections per process against a real PostgreSQL. */
const POOL_SIZE = 10;

export interface Service {
  app: FastifyInstance;
  /** Drains in-flight requests, then closes the pool, then the embedded database. */
  close(): Promise<void>;
}

/** The app and its database: the real PostgreSQL at `databaseUrl`, or PGlite under `dataDir`. */
export async function startService(config: Config, logStream?: DestinationStream): Promise<Service> {
  const embedded = config.databaseUrl === undefined ? await startEmbeddedDatabase(config.dataDir) : undefined;
  const database = embedded
    ? { url: embedded.url, maxConnections: 1 }
    : { url: config.databaseUrl as string, maxConnections: POOL_SIZE };
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, logStream });
    await app.ready();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return {
    app,
    async close() {
      await app.close();
      await embedded?.close();
    }
  };
}
