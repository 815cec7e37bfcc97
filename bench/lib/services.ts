import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEV_SERVICE_ACCOUNT_FILE } from '../../server/src/emulator/dev-service-account';
import { loadServiceAccount, type ServiceAccount } from '../../server/src/pushkit/service-account';
import { freePort, runNode, startNode, waitForHttp, type NodeProcess } from './processes';

export interface Listening {
  process: NodeProcess;
  url: string;
}

let built: Promise<void> | undefined;

/** `npm start` and `npm run emulator` run the entries compiled by server/build.mjs: so do the benchmarks. */
const buildServer = (): Promise<void> => (built ??= runNode(['server/build.mjs']));

async function startListening(
  name: string,
  args: string[],
  readyPath: string,
  envFor: (port: number) => Record<string, string>
): Promise<Listening> {
  const port = await freePort();
  const started = startNode(name, args, envFor(port));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(url + readyPath, started);
  } catch (error) {
    await started.stop();
    throw error;
  }
  return { process: started, url };
}

export interface PushKitTarget {
  serviceAccountFile: string;
  baseUrl: string;
  concurrency: number;
  /** Broadcast batches the process sends at once (SEND_WORKERS). */
  sendWorkers: number;
  /** PUSHKIT_TOKENS_PER_SECOND: the app's QPS threshold as an operator copies it from AppGallery Connect; unset: probed. */
  tokensPerSecond?: number;
}

export interface HarmonyPush extends Listening {
  appKey: string;
  adminKey: string;
}

/**
 * `npm start` as a benchmark runs it: no rate limit, warnings-only logs, loopback only; on the PostgreSQL at
 * `databaseUrl`, or without one on the embedded database under `dataDir`.
 */
export async function startHarmonyPush(options: {
  databaseUrl?: string;
  dataDir: string;
  pushKit?: PushKitTarget;
  /** More configuration variables (receipt credentials, say). */
  env?: Record<string, string>;
}): Promise<HarmonyPush> {
  const appKey = `bench-app-${randomBytes(12).toString('hex')}`;
  const adminKey = `bench-admin-${randomBytes(12).toString('hex')}`;
  const pushKit = options.pushKit;
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
    DATA_DIR: options.dataDir,
    APP_KEYS: appKey,
    ADMIN_KEYS: adminKey,
    RATE_LIMIT_PER_MINUTE: '0',
    // The load generator is one address with more connections than a device ever opens.
    MAX_CONNECTIONS_PER_IP: '0',
    LOG_LEVEL: 'warn',
    // Without a Push Kit target the server starts its own emulator: on any free port, not the default 3001.
    EMULATOR_PORT: '0',
    ...(pushKit && {
      PUSHKIT_SERVICE_ACCOUNT: pushKit.serviceAccountFile,
      PUSHKIT_BASE_URL: pushKit.baseUrl,
      PUSHKIT_CONCURRENCY: String(pushKit.concurrency),
      SEND_WORKERS: String(pushKit.sendWorkers),
      ...(pushKit.tokensPerSecond !== undefined && { PUSHKIT_TOKENS_PER_SECOND: String(pushKit.tokensPerSecond) })
    }),
    ...options.env
  };
  await buildServer();
  const listening = await startListening('harmony-push server', ['server/dist/bin/server.mjs'], '/healthz', (port) => ({ ...env, PORT: String(port) }));
  return { ...listening, appKey, adminKey };
}

export interface Emulator extends Listening {
  account: ServiceAccount;
  serviceAccountFile: string;
}

/** `npm run emulator`, its development service account kept under `dataDir`; `faults` as EMULATOR_FAULTS takes them. */
export async function startEmulator(dataDir: string, faults?: Record<string, unknown>): Promise<Emulator> {
  // Its inbox keeps at most 10,000 messages (the defaults of buildEmulator), so a million sends cost it no memory.
  await buildServer();
  const listening = await startListening('Push Kit emulator', ['server/dist/bin/emulator.mjs'], '/emulator/faults', (port) => ({
    EMULATOR_PORT: String(port),
    EMULATOR_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...(faults && { EMULATOR_FAULTS: JSON.stringify(faults) })
  }));
  const serviceAccountFile = path.join(dataDir, DEV_SERVICE_ACCOUNT_FILE);
  try {
    return { ...listening, serviceAccountFile, account: await loadServiceAccount(serviceAccountFile) };
  } catch (error) {
    await listening.process.stop();
    throw error;
  }
}

/** The bare Fastify route registration is measured against. */
export function startBareRoute(): Promise<Listening> {
  return startListening('bare Fastify route', ['--import', 'tsx', 'bench/lib/bare-route-server.ts'], '/', (port) => ({ PORT: String(port) }));
}

/** A fresh server process on the database at `databaseUrl` sending to `pushKit`, for as long as `use` runs. */
export async function withHarmonyPush<T>(
  databaseUrl: string,
  pushKit: PushKitTarget,
  use: (server: HarmonyPush) => Promise<T>,
  env?: Record<string, string>
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hp-bench-'));
  try {
    const server = await startHarmonyPush({ databaseUrl, dataDir, pushKit, env });
    try {
      return await use(server);
    } finally {
      await server.process.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
