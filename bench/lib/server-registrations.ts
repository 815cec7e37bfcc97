import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchDatabase } from './postgres';
import { measureRegistrations, type LoadFigures } from './registration-load';
import { startHarmonyPush } from './services';

export interface ServerRegistrations {
  figures: LoadFigures;
  /** 201 answers, warm-up included. */
  created: number;
  /** Rows the runs added to push_tokens: equal to `created` when every 201 is a committed row of its own. */
  rowsAdded: number;
}

const countRows = async (db: BenchDatabase) =>
  Number((await db.query<{ count: string }>('SELECT count(*) FROM push_tokens')).rows[0].count);

/** The harmony-push server process on `db`, under the registration load; stopped afterwards. */
export async function measureServerRegistrations(db: BenchDatabase): Promise<ServerRegistrations> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-'));
  const before = await countRows(db);
  try {
    const server = await startHarmonyPush({ databaseUrl: db.url, dataDir });
    try {
      const runs = await Promise.race([measureRegistrations(server.url, { 'x-app-key': server.appKey }), server.process.unexpectedExit]);
      const created = (runs.warmUp.statusCodes['201'] ?? 0) + (runs.measured.statusCodes['201'] ?? 0);
      return { figures: runs.measured, created, rowsAdded: (await countRows(db)) - before };
    } finally {
      await server.process.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
