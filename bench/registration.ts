import { machine } from './lib/machine';
import { createBenchDatabase, postgresVersion } from './lib/postgres';
import { CONNECTIONS, MEASURED_SECONDS, describeLoad, measureRegistrations, type LoadFigures } from './lib/registration-load';
import { atLeast, below, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { measureServerRegistrations, type ServerRegistrations } from './lib/server-registrations';
import { startBareRoute } from './lib/services';

async function measureBareRoute(): Promise<LoadFigures> {
  const bare = await startBareRoute();
  try {
    return (await Promise.race([measureRegistrations(bare.url), bare.process.unexpectedExit])).measured;
  } finally {
    await bare.process.stop();
  }
}

async function measureServerOnFreshDatabase(): Promise<ServerRegistrations> {
  const db = await createBenchDatabase();
  try {
    return await measureServerRegistrations(db);
  } finally {
    await db.drop();
  }
}

/** Benchmark 1: `POST /tokens` of the server on PostgreSQL against a bare Fastify route parsing the same body. */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Registration: POST /tokens, ${CONNECTIONS} connections, ${MEASURED_SECONDS} s each`, m);
  const baseline = await measureBareRoute();
  const server = await measureServerOnFreshDatabase();

  const ratio = round(server.figures.requestsPerSecond / baseline.requestsPerSecond);
  printRows([
    ['bare Fastify route', describeLoad(baseline)],
    ['harmony-push POST /tokens', describeLoad(server.figures)],
    // Rows may outnumber the 201s by the requests in flight when a run stopped: committed, but never counted.
    ['distinct registrations', `${server.created} answered 201 (warm-up included), ${server.rowsAdded} rows added`],
    ['ratio (server / bare)', ratio]
  ]);
  const goals = [atLeast('ratio', ratio, 0.5), below('server p99 ms', server.figures.p99Ms, 25)];
  printGoals(goals);
  await writeResult({
    benchmark: 'registration',
    date: new Date().toISOString(),
    machine: m,
    figures: { connections: CONNECTIONS, seconds: MEASURED_SECONDS, baseline, server: server.figures, created: server.created, rowsAdded: server.rowsAdded, ratio },
    goals,
    notes: ['autocannon, the server and PostgreSQL share the machine; each request registers a new random 133-character token']
  });
});
