import { hkdfSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { PushType } from '@harmony-push/shared';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EmulatorConfig } from '../config';
import { loggerOptions } from '../logging';
import errorHandler from '../plugins/error-handler';
import { publicKeyOf, type ServiceAccount } from '../pushkit/service-account';
import { TEST_MESSAGES_PER_DAY } from '../pushkit/spec-choices';
import { adminRoutes } from './admin-routes';
import type { EmulatedAccount } from './auth';
import type { FaultSettings } from './faults';
import type { InboxLimits } from './inbox';
import type { ReceiptCredentials } from '../receipts/signature';
import type { ReceiptOptions, ReceiptPost } from './receipts';
import emulatorState from './plugin';
import { revokeRoute } from './revoke-route';
import { sendRoute } from './send-route';

export interface EmulatorOptions {
  account: EmulatedAccount;
  /** The emulated app's Client ID, the path of the revoke API; DEV_CLIENT_ID by default. */
  clientId?: string;
  /** Makes device tokens verifiable without storing them; tokens survive restarts that keep it. */
  tokenSecret: Buffer;
  faults?: FaultSettings;
  inbox?: Partial<InboxLimits>;
  /** Push-types the app is taken to hold no right for (answered noPushTypeRight); all rights by default. */
  withoutRights?: PushType[];
  /** Where and how V2 delivery receipts are posted; absent: none are. */
  receipts?: ReceiptOptions;
  /** Test requests a day before test messages are throttled with receipt 256; Huawei's 1000 by default. */
  testMessagesPerDay?: number;
  logLevel?: string;
  logStream?: DestinationStream;
  /** Milliseconds since the epoch (JWT expiry, QPS windows, timestamps); tests move it. */
  now?: () => number;
  /** Draws in [0, 1) for fault injection; tests fix it. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The Client ID of the emulated app when none is configured (PUSHKIT_CLIENT_ID). */
export const DEV_CLIENT_ID = '100000000';

const DEFAULT_INBOX: InboxLimits = { perDevice: 100, total: 10_000 };

/** Devices with settings of their own (a state, a stopped app, a replaced token) kept at most. */
const DEVICE_STATES_LIMIT = 100_000;

/**
 * What the emulator needs from a service account: the ids, the public key, and a token secret derived from the
 * private key, so one key file gives the same virtual devices across restarts.
 */
export function emulatorIdentity(account: ServiceAccount): Pick<EmulatorOptions, 'account' | 'tokenSecret'> {
  return {
    account: { projectId: account.projectId, keyId: account.keyId, subAccount: account.subAccount, publicKey: publicKeyOf(account) },
    tokenSecret: Buffer.from(hkdfSync('sha256', account.privateKey, account.projectId, 'harmony-push emulator device tokens', 32))
  };
}

/**
 * What EMULATOR_* set: faults, the test-message quota and, when receipts have somewhere to go (`post`), their
 * delay and package name, signed with `credentials`.
 */
export function configuredOptions(
  config: EmulatorConfig,
  receipts?: { post: ReceiptPost; credentials?: ReceiptCredentials }
): Pick<EmulatorOptions, 'faults' | 'testMessagesPerDay' | 'receipts'> {
  return {
    faults: config.faults,
    testMessagesPerDay: config.testMessagesPerDay,
    ...(receipts && { receipts: { ...receipts, delayMs: config.receipts.delayMs, appPackageName: config.receipts.appPackageName } })
  };
}

/**
 * A local Push Kit v3: `POST /v3/:projectId/messages:send`, `POST /v1/:clientId/messages:revoke` and `/emulator/*`
 * control routes. Does not listen.
 */
export async function buildEmulator(options: EmulatorOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    forceCloseConnections: true
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  await app.register(emulatorState, {
    account: options.account,
    clientId: options.clientId ?? DEV_CLIENT_ID,
    tokenSecret: options.tokenSecret,
    faults: options.faults ?? {},
    inbox: { ...DEFAULT_INBOX, ...options.inbox },
    withoutRights: options.withoutRights ?? [],
    receipts: options.receipts,
    testMessagesPerDay: options.testMessagesPerDay ?? TEST_MESSAGES_PER_DAY,
    deviceStatesLimit: DEVICE_STATES_LIMIT,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep
  });
  await app.register(adminRoutes);
  await app.register(sendRoute);
  await app.register(revokeRoute);
  return app;
}
