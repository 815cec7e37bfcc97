import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { EmulatorDeviceState, PushType, TokenStatus } from '@harmony-push/shared';
import { DEV_RECEIPT_CREDENTIALS_FILE } from '../../src/receipts/dev-credentials';
import { createTestDatabase } from '../helpers/database';
import { ADMIN_KEY, APP_KEY, startTestService, startTestServiceWithReceipts } from '../helpers/service';

// The loop npm start closes on its own: the in-process emulator posts its receipts, signed, to this server's
// POST /receipts, and the registry learns from them (issue 13, "The emulator closes the loop offline").

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const alert = { notification: { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } } };

async function device(app: FastifyInstance, emulator: FastifyInstance, state: EmulatorDeviceState): Promise<string> {
  const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: {} })).json().token as string;
  const reg = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  if (state !== EmulatorDeviceState.ACTIVE) {
    const res = await emulator.inject({ method: 'PATCH', url: `/emulator/devices/${token}`, payload: { state } });
    if (res.statusCode !== 200) throw new Error(`PATCH failed: ${res.body}`);
  }
  return token;
}

t.test('configured receipt credentials are used as they are', async (t) => {
  const svc = await startTestService(t, { PUSHKIT_RECEIPT_USERNAME: 'agc-user', PUSHKIT_RECEIPT_SECRET: 'c2VjcmV0IG9mIHRoZSByZWNlaXB0' });
  t.same(svc.config.receipts.credentials, { userName: 'agc-user', secret: 'c2VjcmV0IG9mIHRoZSByZWNlaXB0' });
  await t.rejects(readFile(path.join(svc.db.dataDir, DEV_RECEIPT_CREDENTIALS_FILE)), { code: 'ENOENT' }, 'no development credentials made');
});

t.test('offline, end to end: send → receipts → delivery summary → the registry disables the uninstalled token', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.drop());
  // Without configured receipt credentials: development ones, made once in DATA_DIR, handed to the receipt route.
  const first = await startTestServiceWithReceipts(t, {}, db);
  const file = JSON.parse(await readFile(path.join(db.dataDir, DEV_RECEIPT_CREDENTIALS_FILE), 'utf8'));
  t.same(first.config.receipts.credentials, file, 'the resolved configuration carries them');
  await first.close();
  // Restarted as npm start runs: its emulator posts receipts, signed with the same credentials.
  const svc = await startTestServiceWithReceipts(t, { EMULATOR_RECEIPT_DELAY_MS: '20' }, db);
  t.same(svc.config.receipts.credentials, file, 'the same after a restart');
  const { app, emulator } = svc;
  const delivered = await device(app, emulator, EmulatorDeviceState.ACTIVE);
  const uninstalled = await device(app, emulator, EmulatorDeviceState.UNINSTALLED);
  const muted = await device(app, emulator, EmulatorDeviceState.NOTIFICATIONS_OFF);

  const res = await app.inject({
    method: 'POST',
    url: '/send',
    headers: admin,
    payload: { pushType: PushType.ALERT, payload: alert, target: { tokens: [delivered, uninstalled, muted] } }
  });
  t.equal(res.statusCode, 200, res.body);
  const sendId = res.json().sendId as string;
  await emulator.pushKitEmulator.receipts!.settled();
  t.same((await emulator.inject({ method: 'GET', url: '/emulator/receipts' })).json(), { queued: 0, delivered: 3, failed: 0, dropped: 0 }, 'the server took every receipt');

  const send = (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
  t.match(send.delivery, { delivered: 1, uninstalled: 1, notShown: 1, tokenMismatch: 0, inactive: 0, pending: 0, byResult: { '0': 1, '2': 1, '6': 1 } });
  t.match(send.results.map((result: { delivery?: { result: number } }) => result.delivery?.result), [0, 2, 6]);

  const tokens = (await app.inject({ method: 'GET', url: '/tokens', headers: admin })).json().items as { status: string; notificationsEnabled?: boolean; lastDeliveredAt?: string }[];
  const statuses = tokens.map((token) => token.status).sort();
  t.same(statuses, [TokenStatus.ACTIVE, TokenStatus.ACTIVE, TokenStatus.DISABLED], 'the uninstalled token is disabled');
  t.ok(tokens.some((token) => token.status === TokenStatus.ACTIVE && token.notificationsEnabled === false), 'notifications off is a flag');
  t.ok(tokens.some((token) => token.lastDeliveredAt !== undefined), 'the delivered one is seen');

  // An audience of one Push Kit request is sent at once (200), as a broadcast of any size selects it.
  const broadcast = await app.inject({
    method: 'POST',
    url: '/send',
    headers: admin,
    payload: { pushType: PushType.BACKGROUND, payload: { extraData: 'next' }, target: { all: true } }
  });
  t.equal(broadcast.statusCode, 200, broadcast.body);
  t.match(broadcast.json(), { state: 'completed', requested: 2, accepted: 2 }, 'the next broadcast skips the uninstalled token');
  const uninstalledInbox = (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${uninstalled}` })).json().messages;
  t.same(uninstalledInbox, []);
});
