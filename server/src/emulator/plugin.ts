import fp from 'fastify-plugin';
import type { PushType } from '@harmony-push/shared';
import type { EmulatedAccount } from './auth';
import { DeviceTokens } from './device-tokens';
import { FaultInjector, type FaultSettings } from './faults';
import { Inbox, type InboxLimits } from './inbox';

export interface EmulatorStateOptions {
  account: EmulatedAccount;
  clientId: string;
  tokenSecret: Buffer;
  faults: FaultSettings;
  inbox: InboxLimits;
  withoutRights: PushType[];
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
    app.decorate('pushKitEmulator', {
      account: options.account,
      clientId: options.clientId,
      deviceTokens: new DeviceTokens(options.tokenSecret),
      inbox: new Inbox(options.inbox),
      faults: new FaultInjector(options.faults, options.now, options.random),
      withoutRights: options.withoutRights,
      now: options.now,
      sleep: options.sleep
    });
  },
  { name: 'push-kit-emulator' }
);
