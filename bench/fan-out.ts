import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BROADCAST, broadcastToAll, type BroadcastOutcome } from './lib/broadcast';
import { issuePhoneTokens } from './lib/emulator-tokens';
import { machine } from './lib/machine';
import { PeakRssSampler, memoryOf } from './lib/peak-rss';
import { createBenchDatabase, postgresVersion, settle, type BenchDatabase } from './lib/postgres';
import { insertIssuedTokens, insertTokens } from './lib/preload';
import { postBatches, pushKitBody, type LoopFigures } from './lib/push-kit-loop';
import { atLeast, atMost, mebibytes, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { startEmulator, withHarmonyPush, type Emulator } from './lib/services';

const SMALL = 1_000_000;
const LARGE = 10_000_000;
/** Push Kit requests in flight, for the server (PUSHKIT_CONCURRENCY, and as many SEND_WORKERS) and the baseline. */
const CONCURRENCY = 16;
const BATCH = 1000;
const BROADCAST_TIMEOUT_MS = 40 * 60_000;

interface ServerBroadcast {
  tokens: number;
  outcome: BroadcastOutcome;
  tokensPerSecond: number;
  /** Resident memory of the started, idle server, just before POST /send. */
  idleRssBytes: number;
  peakRssBytes: number;
}

/** A fresh server process broadcasting to everything in `db`; its peak RSS is its whole life's. */
async function serverBroadcast(db: BenchDatabase, emulator: Emulator, tokens: number): Promise<ServerBroadcast> {
  // The emulator sets no QPS limit: the server is told its limit is far away, as an operator sets it from AGC.
  const pushKit = {
    serviceAccountFile: emulator.serviceAccountFile,
    baseUrl: emulator.url,
    concurrency: CONCURRENCY,
    sendWorkers: CONCURRENCY,
    tokensPerSecond: 10_000_000
  };
  return withHarmonyPush(db.url, pushKit, async (server) => {
    const idleRssBytes = memoryOf(server.process.pid).rssBytes;
    const memory = new PeakRssSampler(server.process.pid);
    try {
      const outcome = await Promise.race([broadcastToAll(server, BROADCAST_TIMEOUT_MS), emulator.process.unexpectedExit]);
      const tokensPerSecond = round(outcome.final.accepted / outcome.seconds, 0);
      return { tokens, outcome, tokensPerSecond, idleRssBytes, peakRssBytes: memory.stop() };
    } finally {
      memory.stop();
    }
  });
}

function describeBroadcast(run: ServerBroadcast): string {
  const { final, status, seconds } = run.outcome;
  return (
    `${run.tokensPerSecond} tokens/s (${final.accepted} accepted of ${final.requested}, ${final.failed} failed, ` +
    `${final.unknown} unknown, ${round(seconds, 1)} s, answered ${status}, ${final.state}), ` +
    `RSS ${mebibytes(run.idleRssBytes)} MiB idle, ${mebibytes(run.peakRssBytes)} MiB peak`
  );
}

async function baseline(emulator: Emulator, tokens: string[]): Promise<LoopFigures & { tokensPerSecond: number }> {
  const bodies = [];
  for (let start = 0; start < tokens.length; start += BATCH) {
    const batch = tokens.slice(start, start + BATCH);
    bodies.push({ body: pushKitBody(BROADCAST, batch), tokens: batch.length });
  }
  const figures = await Promise.race([
    postBatches({ baseUrl: emulator.url, account: emulator.account, pushType: BROADCAST.pushType, bodies, concurrency: CONCURRENCY }),
    emulator.process.unexpectedExit
  ]);
  return { ...figures, tokensPerSecond: round(figures.acceptedTokens / figures.seconds, 0) };
}

/**
 * Benchmark 3: a broadcast to 1,000,000 registered tokens, from the server process through the emulator process,
 * against a plain undici loop posting the same 1000-token batches; and the server's peak RSS at 1M and at 10M
 * (constant memory: the audience is streamed, never held).
 */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Fan-out: a broadcast to ${LARGE} tokens through the Push Kit emulator, ${CONCURRENCY} requests in flight`, m);

  const emulatorDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-emulator-'));
  let emulator: Emulator | undefined;
  let db: BenchDatabase | undefined;
  let emulatorMemory: PeakRssSampler | undefined;
  try {
    emulator = await startEmulator(emulatorDir);
    emulatorMemory = new PeakRssSampler(emulator.process.pid);
    const tokens = issuePhoneTokens(emulator.account, SMALL);
    db = await createBenchDatabase();

    let loadStarted = Date.now();
    await insertTokens(db, tokens.slice(0, SMALL), 'phone');
    await settle(db);
    const smallLoadSeconds = (Date.now() - loadStarted) / 1000;
    const small = await serverBroadcast(db, emulator, SMALL);

    const loop = await baseline(emulator, tokens);

    loadStarted = Date.now();
    const account = emulator.account;
    await insertIssuedTokens(db, (count) => issuePhoneTokens(account, count), LARGE - SMALL);
    await settle(db);
    const largeLoadSeconds = (Date.now() - loadStarted) / 1000;
    const large = await serverBroadcast(db, emulator, LARGE);

    const emulatorPeakBytes = emulatorMemory.stop();

    const ratio = round(small.tokensPerSecond / loop.tokensPerSecond);
    const rssRatio = round(large.peakRssBytes / small.peakRssBytes);
    printRows([
      ['preload', `${SMALL} tokens in ${round(smallLoadSeconds, 1)} s, ${LARGE - SMALL} more in ${round(largeLoadSeconds, 1)} s (set-based INSERT ... SELECT unnest, 50,000 a statement)`],
      [`server, ${SMALL} tokens`, describeBroadcast(small)],
      [`server, ${LARGE} tokens`, describeBroadcast(large)],
      [
        'undici loop',
        `${loop.tokensPerSecond} tokens/s (${loop.acceptedTokens} accepted, ${loop.requests} requests, ${round(loop.seconds, 1)} s` +
          `${Object.keys(loop.otherCodes).length ? `, other answers ${JSON.stringify(loop.otherCodes)}` : ''})`
      ],
      [`ratio at ${SMALL} (server / loop)`, ratio],
      [`peak RSS ${LARGE} / ${SMALL}`, rssRatio],
      ['emulator peak RSS', `${mebibytes(emulatorPeakBytes)} MiB`]
    ]);
    const goals = [
      atLeast(`tokens/s ratio at ${SMALL}`, ratio, 0.9),
      atMost(`server peak RSS MiB at ${SMALL}`, mebibytes(small.peakRssBytes), 256),
      atMost(`peak RSS ratio ${LARGE} / ${SMALL}`, rssRatio, 1.1)
    ];
    printGoals(goals);
    await writeResult({
      benchmark: 'fan-out',
      date: new Date().toISOString(),
      machine: m,
      figures: {
        concurrency: CONCURRENCY,
        preloadSeconds: { [SMALL]: round(smallLoadSeconds, 1), [LARGE]: round(largeLoadSeconds, 1) },
        small: { ...small, idleRssMiB: mebibytes(small.idleRssBytes), peakRssMiB: mebibytes(small.peakRssBytes) },
        large: { ...large, idleRssMiB: mebibytes(large.idleRssBytes), peakRssMiB: mebibytes(large.peakRssBytes) },
        loop,
        ratio,
        rssRatio,
        emulatorPeakRssMiB: mebibytes(emulatorPeakBytes)
      },
      goals,
      notes: [
        `server: PUSHKIT_CONCURRENCY=${CONCURRENCY}, SEND_WORKERS=${CONCURRENCY}; the loop keeps as many requests in flight`,
        'tokens issued by the emulator (HMAC), preloaded with a set-based INSERT ... SELECT unnest, 50,000 a statement (pg-copy-streams is not a dependency)',
        'the emulator keeps at most 10,000 messages (its default inbox limits), so it holds no million messages'
      ]
    });
  } finally {
    emulatorMemory?.stop();
    await emulator?.process.stop();
    await db?.drop();
    await rm(emulatorDir, { recursive: true, force: true });
  }
});
