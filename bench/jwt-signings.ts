import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PushType } from '@harmony-push/shared';
import { FlowControl } from '../server/src/pushkit/flow-control';
import { PushKitJwt } from '../server/src/pushkit/jwt';
import { PushKitSender } from '../server/src/pushkit/sender';
import { PushKitTransport } from '../server/src/pushkit/transport';
import { issuePhoneTokens } from './lib/emulator-tokens';
import { machine } from './lib/machine';
import { atMost, printGoals, printHeader, printRows, round, writeResult } from './lib/report';
import { runBenchmark } from './lib/run';
import { startEmulator, type Emulator } from './lib/services';

const SENDS = 10_000;
const CONCURRENCY = 16;
const MESSAGE = { pushType: PushType.BACKGROUND, payload: { extraData: 'bench' } };

/** What a client that signs a JWT for every request does: the baseline. */
class SignedForEveryRequest extends PushKitJwt {
  override async token(): Promise<string> {
    this.invalidate();
    return super.token();
  }
}

interface SendFigures {
  signings: number;
  accepted: number;
  sendsPerSecond: number;
}

/** SENDS sends of one token each through the server's PushKitSender, in this process, to the emulator process. */
async function sendAll(emulator: Emulator, jwt: PushKitJwt, tokens: string[]): Promise<SendFigures> {
  const transport = new PushKitTransport({
    baseUrl: emulator.url,
    projectId: emulator.account.projectId,
    connections: CONCURRENCY,
    connectTimeoutMs: 5000,
    responseTimeoutMs: 10_000
  });
  // No flow limit to find here: this measures JWT signing, so the rate is known to be far away.
  const flow = new FlowControl({ maxConcurrency: CONCURRENCY, tokensPerSecond: 1_000_000, burstTokens: 1000, basePauseMs: 500, maxPauseMs: 30_000 });
  const retry = { attempts: 5, firstDelayMs: 200, maxDelayMs: 10_000, totalMs: 60_000 };
  const sender = new PushKitSender(transport, jwt, flow, retry, { answered: () => undefined, retried: () => undefined });
  let accepted = 0;
  const started = performance.now();
  try {
    await Promise.all(
      tokens.map((token) =>
        sender.send(MESSAGE, [token], (outcomes) => {
          for (const outcome of outcomes.values()) if (outcome.status === 'accepted') accepted += 1;
        })
      )
    );
  } finally {
    await transport.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { signings: jwt.signings, accepted, sendsPerSecond: round(SENDS / seconds, 0) };
}

const describe = (figures: SendFigures) =>
  `${figures.signings} JWT signings, ${figures.accepted} accepted, ${figures.sendsPerSecond} sends/s`;

/** Benchmark 4: JWT signings per 10,000 sends, against a client that signs one per request. */
runBenchmark(async () => {
  const m = machine();
  printHeader(`JWT signings per ${SENDS} sends (one token each, ${CONCURRENCY} in flight)`, m);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-emulator-'));
  let emulator: Emulator | undefined;
  try {
    emulator = await startEmulator(dataDir);
    const tokens = issuePhoneTokens(emulator.account, SENDS);
    const exited = emulator.process.unexpectedExit;
    const cached = await Promise.race([sendAll(emulator, new PushKitJwt(emulator.account), tokens), exited]);
    const baseline = await Promise.race([sendAll(emulator, new SignedForEveryRequest(emulator.account), tokens), exited]);

    const speedup = round(cached.sendsPerSecond / baseline.sendsPerSecond);
    printRows([
      ['PushKitSender', describe(cached)],
      ['signing for every request', describe(baseline)],
      ['sends/s ratio (sender / every request)', speedup]
    ]);
    const goals = [atMost(`signings per ${SENDS} sends`, cached.signings, 1)];
    printGoals(goals);
    await writeResult({
      benchmark: 'jwt-signings',
      date: new Date().toISOString(),
      machine: m,
      figures: { sends: SENDS, concurrency: CONCURRENCY, sender: cached, signingEveryRequest: baseline, speedup },
      goals,
      notes: ['in-process PushKitSender (the server\'s class) against the emulator process; RSA PS256 with a 2048-bit key']
    });
  } finally {
    await emulator?.process.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
