import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { buildApp } from './app';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { DEV_CLIENT_ID, buildEmulator, configuredOptions, emulatorIdentity } from './emulator/app';
import { loadOrCreateDevServiceAccount } from './emulator/dev-service-account';
import type { ReceiptPost } from './emulator/receipts';
import { loadOrCreateDevReceiptCredentials } from './receipts/dev-credentials';
import type { ReceiptCredentials } from './receipts/signature';
import type { PushKitOptions } from './pushkit/plugin';
import type { SendingOptions } from './sending/plugin';
import { loadServiceAccount, type ServiceAccount } from './pushkit/service-account';
import { EMULATOR_PORT_SETTING, listenOn } from './startup';

/** Connections per process against a real PostgreSQL. */
const POOL_SIZE = 10;

export interface Service {
  app: FastifyInstance;
  /** The configuration as resolved: with the local emulator, `receipts.credentials` always set (see pushKitTarget). */
  config: Config;
  /** The local Push Kit emulator, when no service account is configured. */
  emulator?: FastifyInstance;
  /** Where this service sends. */
  pushKit: PushKitOptions;
  /** Drains in-flight requests, then closes the pool, the embedded database and the emulator. */
  close(): Promise<void>;
}

type Closer = () => Promise<unknown>;

/** The server's own `POST /receipts`, in process: the emulator is built before the app it posts to. */
function ownReceiptRoute(): { post: ReceiptPost; bind(app: FastifyInstance): void } {
  let target: FastifyInstance | undefined;
  return {
    post: async (body, headers) => {
      if (target === undefined) throw new Error('the server is not started yet');
      return (await target.inject({ method: 'POST', url: '/receipts', headers, payload: body })).statusCode;
    },
    bind: (app) => {
      target = app;
    }
  };
}

interface PushKitTarget {
  options: PushKitOptions;
  emulator?: FastifyInstance;
  /** The credentials the emulator signs its receipts with, for the receipt route to verify with. */
  receiptCredentials?: ReceiptCredentials;
}

/**
 * Where sends go: Huawei with the configured service account, or else a local emulator started here on
 * EMULATOR_PORT with a development service account kept in DATA_DIR. That emulator posts its receipts to this
 * server's POST /receipts, signed with PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET, or, when they are not
 * set, with development credentials kept in DATA_DIR as well.
 */
async function pushKitTarget(
  config: Config,
  logStream: DestinationStream | undefined,
  closers: Closer[],
  receipts: ReceiptPost | undefined
): Promise<PushKitTarget> {
  const { pushKit } = config;
  if (pushKit.serviceAccountFile) {
    const account = await loadServiceAccount(pushKit.serviceAccountFile);
    return { options: pushKitOptions(config, account, pushKit.baseUrl, pushKit.clientId) };
  }
  const dev = await loadOrCreateDevServiceAccount(config.dataDir);
  const clientId = pushKit.clientId ?? DEV_CLIENT_ID;
  // Development credentials only where this emulator posts receipts to this server: otherwise POST /receipts stays
  // a 404 until credentials are configured.
  const devCredentials = config.receipts.credentials || !receipts ? undefined : await loadOrCreateDevReceiptCredentials(config.dataDir);
  const credentials = config.receipts.credentials ?? devCredentials?.credentials;
  const emulator = await buildEmulator({
    ...emulatorIdentity(dev.account),
    clientId,
    ...configuredOptions(config.emulator, receipts && { post: receipts, credentials }),
    logLevel: config.logLevel,
    logStream
  });
  closers.push(async () => {
    const listening = emulator.server.listening;
    await emulator.close();
    if (listening) emulator.log.info('Push Kit emulator stopped');
  });
  if (devCredentials && receipts) {
    emulator.log.info(
      { file: devCredentials.file, created: devCredentials.created },
      'receipts go to POST /receipts of this server, signed with development credentials (set PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET to replace them)'
    );
  }
  const baseUrl = await listenOn(emulator, { port: pushKit.emulatorPort, host: '127.0.0.1', ...EMULATOR_PORT_SETTING });
  return { options: pushKitOptions(config, dev.account, baseUrl, clientId), emulator, receiptCredentials: credentials };
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
  /**
   * false: the local emulator posts no receipts (tests about other things, whose stored rows must not change under
   * them); the receipt route still verifies with the resolved credentials. True by default, as npm start runs.
   */
  emulatorReceipts?: boolean;
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
    const ownReceipts = ownReceiptRoute();
    const receipts = options.emulatorReceipts === false ? undefined : ownReceipts.post;
    const target: PushKitTarget = options.pushKit ? { options: options.pushKit } : await pushKitTarget(config, logStream, closers, receipts);
    const resolved: Config = target.receiptCredentials
      ? { ...config, receipts: { ...config.receipts, credentials: target.receiptCredentials } }
      : config;
    const database = embedded
      ? { url: embedded.url, maxConnections: 1, embedded: true }
      : { url: config.databaseUrl as string, maxConnections: POOL_SIZE };
    const app = await buildApp({ config: resolved, database, pushKit: target.options, sending: sendingOptions(config), logStream });
    closers.push(() => app.close());
    // Closed before the app: no receipt is posted to a closing server.
    closers.push(async () => target.emulator?.pushKitEmulator.receipts?.close());
    await app.ready();
    ownReceipts.bind(app);
    return { app, config: resolved, emulator: target.emulator, pushKit: target.options, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
