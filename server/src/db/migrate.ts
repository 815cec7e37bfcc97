import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { ClientBase } from 'pg';
import type { FastifyBaseLogger } from 'fastify';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const MIGRATIONS_TABLE = 'pgmigrations';

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
    migrationsTable: MIGRATIONS_TABLE,
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

/** The migrations this version ships, oldest first, named as node-pg-migrate records them (the file name less `.sql`). */
export async function shippedMigrations(): Promise<string[]> {
  const files = await readdir(MIGRATIONS_DIR);
  return files.filter((file) => file.endsWith('.sql')).map((file) => file.slice(0, -'.sql'.length)).sort();
}

/** The migrations applied to the database, oldest first; none when no migration ever ran there. */
export async function appliedMigrations(client: ClientBase): Promise<string[]> {
  try {
    const result = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`);
    return result.rows.map((row) => row.name);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return []; // undefined_table: never migrated
    throw error;
  }
}
