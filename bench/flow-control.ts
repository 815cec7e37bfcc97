import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { broadcastToAll, pushKitAnswers } from './lib/broadcast';
import { issuePhoneTokens } from './lib/emulator-tokens';
import { machine } from './lib/machine';
import { createBenchDatabase, postgresVersion, settle, type BenchDatabase } from './lib/postgres';
import { insertTokens } from './lib/preload';
import { atLeast, atMost, printGoals, printHeader, printRows, round, writeResult, type Goal } from './lib/report';
import { runBenchmark } from './lib/run';
import { startEmulator, withHarmonyPush } from './lib/services';

const TOKENS = 200_000;
/** Push Kit app QPS limits (tokens per second) the emulator enforces, one run each. */
const LIMITS = [3_000, 6_000];
const CONCURRENCY = 16;
const TIMEOUT_MS = 10 * 60_000;

interface LimitedRun {
  limit: number;
  accepted: number;
  seconds: number;
  achieved: number;
  /** achieved ÷ limit */
  ratio: number;
  requests: number;
  throttled: number;
  /** share of requests answered 503 */
  throttledShare: number;
}

/** One broadcast to everything in `db` through an emulator limited to `limit` tokens/s; the sender is not told it. */
async function limitedRun(db: BenchDatabase, accountDir: string, limit: number): Promise<LimitedRun> {
  const emulator = await startEmulator(accountDir, { qpsLimit: limit });
  try {
    const pushKit = { serviceAccountFile: emulator.serviceAccountFile, baseUrl: emulator.url, concurrency: CONCURRENCY, sendWorkers: CONCURRENCY };
    return await withHarmonyPush(db.url, pushKit, async (server) => {
      const outcome = await Promise.race([broadcastToAll(server, TIMEOUT_MS), emulator.process.unexpectedExit]);
      const answers = await pushKitAnswers(server);
      const requests = Object.values(answers).reduce((sum, count) => sum + count, 0);
      const throttled = answers.HTTP_503 ?? 0;
      const achieved = outcome.final.accepted / outcome.seconds;
      return {
        limit,
        accepted: outcome.final.accepted,
        seconds: round(outcome.seconds, 1),
        achieved: round(achieved, 0),
        ratio: round(achieved / limit),
        requests,
        throttled,
        throttledShare: round(throttled / requests, 4)
      };
    });
  } finally {
    await emulator.process.stop();
  }
}

/**
 * Benchmark: flow control in tokens per second. A broadcast to 200,000 tokens through an emulator whose qpsLimit is
 * R tokens/s (Push Kit's app QPS, "每秒推送的设备个数"), for two values of R; the server is not told R and finds it
 * by probing. Goals: achieved tokens/s ÷ R ≥ 0.9, share of requests answered 503 ≤ 1%.
 */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Flow control: ${TOKENS} tokens through an emulator limited to R tokens/s (R = ${LIMITS.join(', ')})`, m);
  const accountDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-flow-account-'));
  let db: BenchDatabase | undefined;
  try {
    // Every emulator of this run shares one development service account: the tokens are valid for each.
    const first = await startEmulator(accountDir);
    const tokens = issuePhoneTokens(first.account, TOKENS);
    await first.process.stop();
    db = await createBenchDatabase();
    await insertTokens(db, tokens, 'phone');
    await settle(db);
    const runs: LimitedRun[] = [];
    for (const limit of LIMITS) runs.push(await limitedRun(db, accountDir, limit));
    printRows(
      runs.map((run): [string, string] => [
        `R = ${run.limit} tokens/s`,
        `${run.achieved} tokens/s achieved (${run.accepted} accepted in ${run.seconds} s), ratio ${run.ratio}; ` +
          `${run.throttled} of ${run.requests} requests answered 503 (${round(run.throttledShare * 100, 2)}%)`
      ])
    );
    const goals: Goal[] = runs.flatMap((run) => [
      atLeast(`achieved / R at R=${run.limit}`, run.ratio, 0.9),
      atMost(`503 share at R=${run.limit}`, run.throttledShare, 0.01)
    ]);
    printGoals(goals);
    await writeResult({
      benchmark: 'flow-control',
      date: new Date().toISOString(),
      machine: m,
      figures: { tokens: TOKENS, concurrency: CONCURRENCY, runs },
      goals,
      notes: [
        'the server starts without PUSHKIT_TOKENS_PER_SECOND: it starts at 1000 tokens/s and probes upward',
        'seconds run from POST /send to the final state seen (polled every 250 ms), planning included'
      ]
    });
  } finally {
    await db?.drop();
    await rm(accountDir, { recursive: true, force: true });
  }
});
