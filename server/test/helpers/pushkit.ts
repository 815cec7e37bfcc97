import type { Test } from 'tap';
import { ClickActionType, NotificationCategory, PushType } from '@harmony-push/shared';
import type { OutgoingMessage } from '../../src/pushkit/sender';
import type { FastifyInstance } from 'fastify';
import { DEV_CLIENT_ID, buildEmulator, emulatorIdentity, type EmulatorOptions } from '../../src/emulator/app';
import { createDevServiceAccount } from '../../src/emulator/dev-service-account';
import type { PushKitOptions } from '../../src/pushkit/plugin';
import { parseServiceAccount, type ServiceAccount } from '../../src/pushkit/service-account';

export interface TestEmulator {
  emulator: FastifyInstance;
  account: ServiceAccount;
  /** What the sender needs to send to this emulator. */
  pushKit: PushKitOptions;
}

/** Tests that are not about flow control send as fast as they can (a limit known to be far away). */
export const TEST_TOKENS_PER_SECOND = 1_000_000;

/** Fast retries, so fault tests finish quickly; the policy's shape is what production uses. */
export const TEST_RETRY = { attempts: 10, firstDelayMs: 5, maxDelayMs: 50, totalMs: 10_000 };

/** A Push Kit emulator with a fresh service account, listening on a loopback port, closed at teardown. */
export async function startTestEmulator(t: Test, options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const account = parseServiceAccount(await createDevServiceAccount(), 'test service account');
  const emulator = await buildEmulator({ ...emulatorIdentity(account), logLevel: 'warn', ...options });
  const baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => emulator.close());
  return { emulator, account, pushKit: { account, baseUrl, clientId: options.clientId ?? DEV_CLIENT_ID, concurrency: 4, tokensPerSecond: TEST_TOKENS_PER_SECOND, timeoutMs: 5000, retry: TEST_RETRY } };
}

/**
 * Draws for the emulator's fault injection that spread evenly over [0, 1) (the golden-ratio sequence): a 20% fault
 * rate then meets about every fifth request, so tests that count on faults never draw a lucky run without any.
 */
export function evenDraws(): () => number {
  let draw = 0.5;
  return () => (draw = (draw + 0.6180339887498949) % 1);
}

/** A valid IM alert as the send service hands it to the sender, with the appMessageId it adds (so a device drops a repeat). */
export const testAlert = (appMessageId: string): OutgoingMessage => ({
  pushType: PushType.ALERT,
  payload: {
    notification: {
      category: NotificationCategory.IM,
      title: 'Hi',
      body: 'there',
      clickAction: { actionType: ClickActionType.HOME_PAGE },
      appMessageId
    }
  }
});
