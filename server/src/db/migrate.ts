import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { ClientBase } from 'pg';
import type { FastifyBaseLogger } from 'fastify';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** A migration that failed, named, with what the database said as its cause. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown
  ) {
    super(`migration ${migration ?? '(before any ran)'} failed`, { cause });
    this.name = 'MigrationError';
  }
}

/** Brings the schema up to date; concurrent starters wait on node-pg-migrate's advisory lock. */
export async function migrate(client: ClientBase, log: FastifyBaseLogger): Promise<void> {
  let current: string | undefined;
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    advisoryLockMode: 'wait',
    log: (message) => {
      // node-pg-migrate announces each migration as "### MIGRATION <name> (UP) ###" before running it.
      current = /### MIGRATION (.+) \(UP\) ###/.exec(message)?.[1] ?? current;
      log.debug({ migration: message }, 'migration');
    }
  }).catch((error: unknown) => {
    throw new MigrationError(current, error);
  });
  for (const migration of applied) log.info({ migration: migration.name }, 'migration applied');
}
