import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_RECEIPT_STATUSES, type ReceiptCallback, type ReceiptStatus } from '@harmony-push/shared';
import { signCallbackId, type ReceiptCredentials } from '../server/src/receipts/signature';
import { BROADCAST, broadcastToAll } from './lib/broadcast';
import { issuePhoneTokens } from './lib/emulator-tokens';
import { machine } from './lib/machine';
import { createBenchDatabase, postgresVersion, settle, type BenchDatabase } from './lib/postgres';
import { insertTokens } from './lib/preload';
import { atLeast, atMost, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { startEmulator, withHarmonyPush, type HarmonyPush } from './lib/services';

/**
 * The fan-out measured in the same run, and as many statuses as it accepted. 100,000 rather than the fan-out
 * benchmark's 1,000,000: the ratio is what is measured, and the machine is shared.
 */
const TOKENS = 100_000;
const CONCURRENCY = 16;
/** Receipt callbacks in flight at once, as Push Kit posts them from many workers. */
const CALLBACKS_IN_FLIGHT = 16;
/** Callbacks posted one at a time before the load, for the latency of one 100-status callback. */
const LATENCY_SAMPLES = 200;
const BROADCAST_TIMEOUT_MS = 20 * 60_000;

const credentials: ReceiptCredentials = { userName: 'bench-receipts', secret: randomBytes(32).toString('base64') };

/** What receipts say, in proportions near a real app's: mostly delivered, some notifications off, a few dead. */
function resultFor(i: number): number {
  const slot = i % 100;
  if (slot < 2) return 2;
  if (slot < 3) return 5;
  if (slot < 7) return 6;
  if (slot < 8) return 27;
  return 0;
}

/** Every accepted token's status, 100 a callback, each with the requestId of the batch that sent it. */
function callbacksFor(tokens: string[], requestIds: string[], batchSize: number): ReceiptCallback[] {
  const callbacks: ReceiptCallback[] = [];
  const now = Date.now();
  for (let start = 0; start < tokens.length; start += MAX_RECEIPT_STATUSES) {
    const statuses: ReceiptStatus[] = tokens.slice(start, start + MAX_RECEIPT_STATUSES).map((token, offset) => {
      const i = start + offset;
      return {
        token,
        pushType: BROADCAST.pushType,
        appPackageName: 'com.example.bench',
        requestId: requestIds[Math.floor(i / batchSize)] ?? 'unknown',
        deliveryStatus: { result: resultFor(i), timestamp: now + i }
      };
    });
    callbacks.push({ statuses });
  }
  return callbacks;
}

async function post(server: HarmonyPush, callback: ReceiptCallback | string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/receipts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-huawei-callback-id': signCallbackId(credentials, Date.now(), randomUUID()) },
    body: typeof callback === 'string' ? callback : JSON.stringify(callback)
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /receipts: ${response.status} ${text.slice(0, 300)}`);
  return performance.now() - started;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Ingestion {
  statuses: number;
  callbacks: number;
  seconds: number;
  statusesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Posts `bodies` with `inFlight` callbacks at once; the latencies are of each callback under that load. */
async function ingest(server: HarmonyPush, bodies: string[], statuses: number, inFlight: number): Promise<Ingestion> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) latencies.push(await post(server, bodies[next++]));
    })
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    statuses,
    callbacks: bodies.length,
    seconds: round(seconds, 2),
    statusesPerSecond: round(statuses / seconds, 0),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1)
  };
}

const describeIngestion = (run: Ingestion) =>
  `${run.statusesPerSecond} statuses/s (${run.statuses} statuses in ${run.callbacks} callbacks, ${run.seconds} s), ` +
  `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms a callback`;

/**
 * Receipt ingestion against the fan-out, in one run on PostgreSQL: a broadcast to TOKENS registered tokens through
 * the emulator process, then every accepted token's receipt posted back to POST /receipts, signed as Huawei signs,
 * 100 statuses a callback, CALLBACKS_IN_FLIGHT callbacks at once. Goal: statuses/s ÷ tokens/s ≥ 1 (receipts never
 * lag sends); and one callback of 100 statuses alone answers within 50 ms at p99.
 */
runBenchmark(async () => {
  const m = machine(await postgresVersion());
  printHeader(`Receipts: ingestion of ${TOKENS} statuses against the fan-out of ${TOKENS} tokens`, m);

  const emulatorDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-emulator-'));
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  let db: BenchDatabase | undefined;
  try {
    emulator = await startEmulator(emulatorDir);
    const tokens = issuePhoneTokens(emulator.account, TOKENS);
    db = await createBenchDatabase();
    await insertTokens(db, tokens, 'phone');
    await settle(db);

    const pushKit = { serviceAccountFile: emulator.serviceAccountFile, baseUrl: emulator.url, concurrency: CONCURRENCY, sendWorkers: CONCURRENCY, tokensPerSecond: 10_000_000 };
    const env = { PUSHKIT_RECEIPT_USERNAME: credentials.userName, PUSHKIT_RECEIPT_SECRET: credentials.secret };
    const running = emulator;
    const figures = await withHarmonyPush(
      db.url,
      pushKit,
      async (server) => {
        const outcome = await Promise.race([broadcastToAll(server, BROADCAST_TIMEOUT_MS), running.process.unexpectedExit]);
        const fanOut = round(outcome.final.accepted / outcome.seconds, 0);
        const send = (await (await fetch(`${server.url}/sends/${outcome.final.sendId}`, { headers: { authorization: `Bearer ${server.adminKey}` } })).json()) as {
          batches: { requestId: string; tokens: number }[];
        };
        // The planner batches the registry in id order, as the tokens were inserted; one batch size throughout.
        const batchSize = send.batches[0]?.tokens ?? 1000;
        const callbacks = callbacksFor(tokens, send.batches.map((batch) => batch.requestId), batchSize);
        const bodies = callbacks.map((callback) => JSON.stringify(callback));

        // Latency alone first, on statuses of their own (orphans: made-up request ids), so the load run stores all.
        const alone = callbacksFor(issuePhoneTokens(running.account, LATENCY_SAMPLES * MAX_RECEIPT_STATUSES), [], batchSize);
        const latency = await ingest(server, alone.map((callback) => JSON.stringify(callback)), LATENCY_SAMPLES * MAX_RECEIPT_STATUSES, 1);
        const load = await ingest(server, bodies, tokens.length, CALLBACKS_IN_FLIGHT);
        const delivered = (await (await fetch(`${server.url}/sends/${outcome.final.sendId}`, { headers: { authorization: `Bearer ${server.adminKey}` } })).json()) as {
          delivery: { pending: number; delivered: number };
        };
        return { outcome, fanOut, latency, load, delivery: delivered.delivery };
      },
      env
    );

    const ratio = round(figures.load.statusesPerSecond / figures.fanOut);
    printRows([
      [`fan-out, ${TOKENS} tokens`, `${figures.fanOut} tokens/s (${figures.outcome.final.accepted} accepted, ${round(figures.outcome.seconds, 1)} s)`],
      [`receipts, ${CALLBACKS_IN_FLIGHT} callbacks in flight`, describeIngestion(figures.load)],
      ['receipts, one callback at a time', describeIngestion(figures.latency)],
      ['the send afterwards', `delivered ${figures.delivery.delivered}, pending ${figures.delivery.pending}`],
      ['ratio (statuses/s ÷ tokens/s)', ratio]
    ]);
    const goals = [
      atLeast('receipt statuses/s ÷ fan-out tokens/s', ratio, 1),
      atMost('p99 ms of one 100-status callback', figures.latency.p99Ms, 50)
    ];
    printGoals(goals);
    await writeResult({
      benchmark: 'receipts',
      date: new Date().toISOString(),
      machine: m,
      figures: { tokens: TOKENS, fanOutTokensPerSecond: figures.fanOut, load: figures.load, alone: figures.latency, ratio, delivery: figures.delivery },
      goals,
      notes: [
        `a fan-out of ${TOKENS} tokens (not the fan-out benchmark's 1,000,000) through the emulator process, PUSHKIT_CONCURRENCY=${CONCURRENCY}, SEND_WORKERS=${CONCURRENCY}`,
        `every accepted token's status posted back signed, ${MAX_RECEIPT_STATUSES} a callback, ${CALLBACKS_IN_FLIGHT} callbacks in flight; results mostly 0, with 2, 5, 6 and 27, so the registry reacts too`,
        `latency: ${LATENCY_SAMPLES} callbacks one at a time before the load`
      ]
    });
  } finally {
    await emulator?.process.stop();
    await db?.drop();
    await rm(emulatorDir, { recursive: true, force: true });
  }
});
