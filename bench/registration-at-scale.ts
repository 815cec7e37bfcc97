import { machine } from './lib/machine';
import { createBenchDatabase, postgresVersion, settle, type BenchDatabase } from './lib/postgres';
import { preloadGeneratedTokens } from './lib/preload';
import { CONNECTIONS, MEASURED_SECONDS, describeLoad } from './lib/registration-load';
import { atLeast, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { measureServerRegistrations, type ServerRegistrations } from './lib/server-registrations';

const SMALL = 10_000;
const LARGE = 1_000_000;

async function preloaded(count: number): Promise<{ db: BenchDatabase; seconds: number }> {
  const db = await createBenchDatabase();
  const started = Date.now();
  try {
    await preloadGeneratedTokens(db, count);
    await settle(db);
  } catch (error) {
    await db.drop();
    throw error;
  }
  return { db, seconds: round((Date.now() - started) / 1000, 1) };
}

/** Benchmark 2: registration with 10k and with 1M rows already in push_tokens; the 10k run is the baseline. */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Registration at scale: POST /tokens with ${SMALL} and ${LARGE} rows preloaded`, m);

  const databases: { count: number; db: BenchDatabase; seconds: number }[] = [];
  try {
    // Both databases are loaded first, so that the two measurements run back to back on the same machine state.
    for (const count of [SMALL, LARGE]) databases.push({ count, ...(await preloaded(count)) });
    const runs: ServerRegistrations[] = [];
    for (const { db } of databases) runs.push(await measureServerRegistrations(db));

    const [small, large] = runs;
    const ratio = round(large.figures.requestsPerSecond / small.figures.requestsPerSecond);
    printRows([
      ...databases.map(({ count, seconds }): [string, string] => [`preload ${count} rows`, `${seconds} s (INSERT ... SELECT generate_series)`]),
      [`${SMALL} rows preloaded`, describeLoad(small.figures)],
      [`${LARGE} rows preloaded`, describeLoad(large.figures)],
      [`ratio (${LARGE} / ${SMALL})`, ratio]
    ]);
    const goals = [atLeast('ratio', ratio, 0.9)];
    printGoals(goals);
    await writeResult({
      benchmark: 'registration-at-scale',
      date: new Date().toISOString(),
      machine: m,
      figures: {
        connections: CONNECTIONS,
        seconds: MEASURED_SECONDS,
        preload: databases.map(({ count, seconds }) => ({ rows: count, seconds, method: 'INSERT ... SELECT generate_series' })),
        small: { rows: SMALL, ...small.figures },
        large: { rows: LARGE, ...large.figures },
        ratio
      },
      goals,
      notes: ['pg-copy-streams is not a dependency: rows are preloaded with one INSERT ... SELECT generate_series each']
    });
  } finally {
    for (const { db } of databases) await db.drop();
  }
});
