import fp from 'fastify-plugin';
import type { PushType } from '@harmony-push/shared';
import type { EmulatedAccount } from './auth';
import { DeviceStates } from './device-states';
import { DeviceTokens } from './device-tokens';
import { FaultInjector, type FaultSettings } from './faults';
import { Inbox, type InboxLimits } from './inbox';
import { ReceiptDispatcher, type ReceiptOptions } from './receipts';
import { TestMessageQuota } from './test-message-quota';

export interface EmulatorStateOptions {
  account: EmulatedAccount;
  clientId: string;
  tokenSecret: Buffer;
  faults: FaultSettings;
  inbox: InboxLimits;
  withoutRights: PushType[];
  receipts?: ReceiptOptions;
  testMessagesPerDay: number;
  deviceStatesLimit: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** What the emulator's routes share: its virtual devices, their inboxes, the faults in force, the emulated app. */
export interface PushKitEmulator {
  account: EmulatedAccount;
  /** The emulated app's Client ID: revoke requests name it in their path. */
  clientId: string;
  deviceTokens: DeviceTokens;
  inbox: Inbox;
  faults: FaultInjector;
  /** Push-types the emulated app holds no right for (push-apply-right): every token is refused noPushTypeRight. */
  withoutRights: PushType[];
  /** What admins set on devices (state, app running) and the tokens reinstalls replaced. */
  deviceStates: DeviceStates;
  /** Where receipts go; absent: none are sent. */
  receipts?: ReceiptDispatcher;
  testMessages: TestMessageQuota;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    pushKitEmulator: PushKitEmulator;
  }
}

/** Builds the emulator's parts and decorates the instance with them, as the server's feature plugins do. */
export default fp<EmulatorStateOptions>(
  async (app, options) => {
    const receipts = options.receipts && new ReceiptDispatcher(options.receipts, options.now, app.log.child({ part: 'receipts' }));
    app.decorate('pushKitEmulator', {
      account: options.account,
      clientId: options.clientId,
      deviceTokens: new DeviceTokens(options.tokenSecret),
      inbox: new Inbox(options.inbox),
      faults: new FaultInjector(options.faults, options.now, options.random),
      withoutRights: options.withoutRights,
      deviceStates: new DeviceStates(options.deviceStatesLimit),
      receipts,
      testMessages: new TestMessageQuota(options.testMessagesPerDay, options.now),
      now: options.now,
      sleep: options.sleep
    });
    if (receipts) app.addHook('onClose', () => receipts.close());
  },
  { name: 'push-kit-emulator' }
);
