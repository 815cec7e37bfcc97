import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { machine } from './lib/machine';
import { memoryOf } from './lib/peak-rss';
import { createBenchDatabase, postgresVersion } from './lib/postgres';
import { describeLoad, measureRegistrations, type LoadFigures } from './lib/registration-load';
import { atMost, mebibytes, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { startHarmonyPush, type HarmonyPush } from './lib/services';

/** How long a started server is left alone before its resident memory is read. */
const IDLE_SECONDS = 15;

interface Idle {
  /** VmRSS after IDLE_SECONDS without requests. */
  rssMiB: number;
  /** VmHWM: the most it held, start-up included. */
  peakMiB: number;
  /** From spawning the process to its first answer. */
  startSeconds: number;
}

async function idle(server: HarmonyPush, started: number): Promise<Idle> {
  const startSeconds = round((performance.now() - started) / 1000, 1);
  await Promise.race([sleep(IDLE_SECONDS * 1000), server.process.unexpectedExit]);
  const memory = memoryOf(server.process.pid);
  return { rssMiB: mebibytes(memory.rssBytes), peakMiB: mebibytes(memory.peakBytes), startSeconds };
}

/** `npm start` on `dataDir` (embedded) or on `databaseUrl`; `use` runs on the idle server, which is then stopped. */
async function withServer<T>(options: { dataDir: string; databaseUrl?: string }, use: (server: HarmonyPush, started: number) => Promise<T>): Promise<T> {
  const started = performance.now();
  const server = await startHarmonyPush(options);
  try {
    return await use(server, started);
  } finally {
    await server.process.stop();
  }
}

const describeIdle = (figures: Idle) => `${figures.rssMiB} MiB (peak ${figures.peakMiB} MiB, answering after ${figures.startSeconds} s)`;

/**
 * Benchmark: the resident memory of `npm start` on the embedded database, on a fresh DATA_DIR and on a restart, and
 * after a registration load; baseline: the same server on PostgreSQL, which holds no database in its process.
 */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Embedded database: idle RSS of npm start after ${IDLE_SECONDS} s, and under registration load`, m);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-embedded-'));
  try {
    const fresh = await withServer({ dataDir }, idle);
    let load: LoadFigures | undefined;
    let rowsAfterLoad = 0;
    const restarted = await withServer({ dataDir }, async (server, started) => {
      const figures = await idle(server, started);
      const runs = await Promise.race([measureRegistrations(server.url, { 'x-app-key': server.appKey }), server.process.unexpectedExit]);
      load = runs.measured;
      rowsAfterLoad = (runs.warmUp.statusCodes['201'] ?? 0) + (runs.measured.statusCodes['201'] ?? 0);
      return figures;
    });
    const loaded = await withServer({ dataDir }, idle);

    const db = await createBenchDatabase();
    let postgres: Idle;
    try {
      postgres = await withServer({ dataDir: path.join(dataDir, 'postgres-run'), databaseUrl: db.url }, idle);
    } finally {
      await db.drop();
    }

    const embeddedShare = round(fresh.rssMiB - postgres.rssMiB, 1);
    printRows([
      ['fresh DATA_DIR (initdb on first start)', describeIdle(fresh)],
      ['restart on the same DATA_DIR', describeIdle(restarted)],
      ['registration load on the embedded database', load ? describeLoad(load) : 'not run'],
      [`restart after the load (${rowsAfterLoad} tokens registered)`, describeIdle(loaded)],
      ['baseline: the same server on PostgreSQL', describeIdle(postgres)],
      ['fresh embedded / PostgreSQL', round(fresh.rssMiB / postgres.rssMiB)],
      ['what the embedded database adds', `${embeddedShare} MiB`]
    ]);
    const goals = [atMost('idle RSS after npm start on a fresh DATA_DIR (MiB)', fresh.rssMiB, 250)];
    printGoals(goals);
    await writeResult({
      benchmark: 'embedded-memory',
      date: new Date().toISOString(),
      machine: m,
      figures: { idleSeconds: IDLE_SECONDS, fresh, restarted, load, rowsAfterLoad, loaded, postgres, embeddedShare },
      goals,
      notes: ['each server is the built npm start entry with LOG_LEVEL=warn; its own Push Kit emulator runs in the same process']
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
