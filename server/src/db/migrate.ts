import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { ClientBase } from 'pg';
import type { FastifyBaseLogger } from 'fastify';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Brings the schema up to date; concurrent starters wait on node-pg-migrate's advisory lock. */
export async function migrate(client: ClientBase, log: FastifyBaseLogger): Promise<void> {
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    advisoryLockMode: 'wait',
    log: (message) => log.debug({ migration: message }, 'migration')
  });
  for (const migration of applied) log.info({ migration: migration.name }, 'migration applied');
}
