import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { DeviceType, type PushKitResponse, type PushType } from '@harmony-push/shared';
import { buildEmulator, emulatorIdentity, type EmulatorOptions } from '../../src/emulator/app';
import type { DeviceMessage } from '../../src/emulator/inbox';
import { PushKitJwt } from '../../src/pushkit/jwt';
import type { ServiceAccount } from '../../src/pushkit/service-account';
import { newServiceAccount } from './service-account';

export const START_MS = 1_800_000_000_000;

let shared: Promise<ServiceAccount> | undefined;
/** One service account per test file: RSA key generation is the slow part. */
export const testAccount = (): Promise<ServiceAccount> => (shared ??= newServiceAccount().then(({ account }) => account));

export interface SendOptions {
  /** `null` leaves the header out; a string replaces the signed JWT header value. */
  authorization?: string | null;
  projectId?: string;
  /** A raw body instead of JSON. */
  payload?: string;
}

export interface Answer {
  status: number;
  body: PushKitResponse;
}

export interface TestEmulator {
  app: FastifyInstance;
  account: ServiceAccount;
  /** The emulator's clock (and the signer's); tests move it. */
  clock: { ms: number };
  jwt: PushKitJwt;
  device(deviceType?: DeviceType): Promise<string>;
  send(pushType: PushType | string | undefined, body: unknown, options?: SendOptions): Promise<Answer>;
  messages(token: string): Promise<DeviceMessage[]>;
}

/** An emulator on a fixed clock and silent logs, closed at teardown. */
export async function startTestEmulator(t: Test, options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const account = await testAccount();
  const clock = { ms: START_MS };
  const now = () => clock.ms;
  const app = await buildEmulator({ ...emulatorIdentity(account), logLevel: 'silent', now, ...options });
  t.teardown(() => app.close());
  const jwt = new PushKitJwt(account, { now });
  return {
    app,
    account,
    clock,
    jwt,
    async device(deviceType = DeviceType.PHONE) {
      const res = await app.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } });
      return (res.json() as { token: string }).token;
    },
    async send(pushType, body, sendOptions = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (pushType !== undefined) headers['push-type'] = String(pushType);
      const authorization = sendOptions.authorization === undefined ? `Bearer ${await jwt.token()}` : sendOptions.authorization;
      if (authorization !== null) headers.authorization = authorization;
      const res = await app.inject({
        method: 'POST',
        url: `/v3/${sendOptions.projectId ?? account.projectId}/messages:send`,
        headers,
        payload: sendOptions.payload ?? JSON.stringify(body)
      });
      return { status: res.statusCode, body: res.json() as PushKitResponse };
    },
    async messages(token) {
      const res = await app.inject({ method: 'GET', url: '/emulator/messages', query: { token } });
      return (res.json() as { messages: DeviceMessage[] }).messages;
    }
  };
}
