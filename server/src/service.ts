import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { buildApp } from './app';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { DEV_CLIENT_ID, buildEmulator, emulatorIdentity } from './emulator/app';
import { loadOrCreateDevServiceAccount } from './emulator/dev-service-account';
import type { PushKitOptions } from './pushkit/plugin';
import type { SendingOptions } from './sending/plugin';
import { loadServiceAccount, type ServiceAccount } from './pushkit/service-account';
import { EMULATOR_PORT_SETTING, listenOn } from './startup';

/** Connections per process against a real PostgreSQL. */
const POOL_SIZE = 10;

export interface Service {
  app: FastifyInstance;
  /** The local Push Kit emulator, when no service account is configured. */
  emulator?: FastifyInstance;
  /** Where this service sends. */
  pushKit: PushKitOptions;
  /** Drains in-flight requests, then closes the pool, the embedded database and the emulator. */
  close(): Promise<void>;
}

type Closer = () => Promise<unknown>;

/**
 * Where sends go: Huawei with the configured service account, or else a local emulator started here on
 * EMULATOR_PORT with a development service account kept in DATA_DIR.
 */
async function pushKitTarget(config: Config, logStream: DestinationStream | undefined, closers: Closer[]) {
  const { pushKit } = config;
  if (pushKit.serviceAccountFile) {
    const account = await loadServiceAccount(pushKit.serviceAccountFile);
    return { options: pushKitOptions(config, account, pushKit.baseUrl, pushKit.clientId), emulator: undefined };
  }
  const dev = await loadOrCreateDevServiceAccount(config.dataDir);
  const clientId = pushKit.clientId ?? DEV_CLIENT_ID;
  const emulator = await buildEmulator({
    ...emulatorIdentity(dev.account),
    clientId,
    faults: config.emulator.faults,
    logLevel: config.logLevel,
    logStream
  });
  closers.push(async () => {
    const listening = emulator.server.listening;
    await emulator.close();
    if (listening) emulator.log.info('Push Kit emulator stopped');
  });
  const baseUrl = await listenOn(emulator, { port: pushKit.emulatorPort, host: '127.0.0.1', ...EMULATOR_PORT_SETTING });
  return { options: pushKitOptions(config, dev.account, baseUrl, clientId), emulator };
}

export function pushKitOptions(config: Config, account: ServiceAccount, baseUrl: string, clientId: string | undefined): PushKitOptions {
  const { pushKit } = config;
  return {
    account,
    baseUrl,
    ...(clientId === undefined ? {} : { clientId }),
    concurrency: pushKit.concurrency,
    tokensPerSecond: pushKit.tokensPerSecond,
    timeoutMs: pushKit.timeoutMs,
    retry: { attempts: pushKit.maxAttempts, firstDelayMs: 200, maxDelayMs: 10_000, totalMs: pushKit.retryWindowMs }
  };
}

export interface ServiceOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  /** A Push Kit target chosen by the caller instead of the configured one (tests bring their own emulator). */
  pushKit?: PushKitOptions;
}

/** A started batch is its worker's for this long; the worker renews it every third of it while it sends. */
const BATCH_LEASE_SECONDS = 30;

/**
 * pg-boss hands a job out again after the longest a batch's attempts can take (the retry window, plus a last
 * attempt's connect and response timeouts) and a margin; even then a batch whose lease a live worker renews is
 * not started twice.
 */
function sendingOptions(config: Config): SendingOptions {
  const { retryWindowMs, timeoutMs } = config.pushKit;
  return {
    workers: config.sendWorkers,
    jobTimeoutSeconds: Math.ceil((retryWindowMs + 2 * timeoutMs) / 1000) + 5,
    leaseSeconds: BATCH_LEASE_SECONDS,
    maintenanceSeconds: 5,
    jobRetries: config.sendJobRetries,
    selfClassification: config.pushKit.selfClassification
  };
}

/** The app, its database (PostgreSQL at `databaseUrl`, or PGlite under `dataDir`) and its Push Kit target. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logStream = options.logStream;
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    let embedded: EmbeddedDatabase | undefined;
    if (config.databaseUrl === undefined) {
      embedded = await startEmbeddedDatabase(config.dataDir);
      closers.push(() => (embedded as EmbeddedDatabase).close());
    }
    const target = options.pushKit
      ? { options: options.pushKit, emulator: undefined }
      : await pushKitTarget(config, logStream, closers);
    const database = embedded
      ? { url: embedded.url, maxConnections: 1, embedded: true }
      : { url: config.databaseUrl as string, maxConnections: POOL_SIZE };
    const app = await buildApp({ config, database, pushKit: target.options, sending: sendingOptions(config), logStream });
    closers.push(() => app.close());
    await app.ready();
    return { app, emulator: target.emulator, pushKit: target.options, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
