import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { DEV_SERVICE_ACCOUNT_FILE, loadOrCreateDevServiceAccount } from '../../src/emulator/dev-service-account';
import { buildEmulator, emulatorIdentity } from '../../src/emulator/app';
import { PushKitJwt } from '../../src/pushkit/jwt';

t.test('created once under DATA_DIR, owner-readable only, then reused', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-emu-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const created = await loadOrCreateDevServiceAccount(path.join(dataDir, 'nested'));
  t.equal(created.file, path.join(dataDir, 'nested', DEV_SERVICE_ACCOUNT_FILE));
  t.ok(created.created);
  t.equal((await stat(created.file)).mode & 0o777, 0o600);
  t.match(created.account, { projectId: /^\d{15}$/, keyId: /^\d{32}$/, subAccount: /^\d{10}$/, privateKey: /^-----BEGIN PRIVATE KEY-----/ });
  const reused = await loadOrCreateDevServiceAccount(path.join(dataDir, 'nested'));
  t.notOk(reused.created);
  t.same(reused.account, created.account);
});

t.test('the emulator accepts what a sender signs with that file, and its devices survive a restart', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-emu-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const { account } = await loadOrCreateDevServiceAccount(dataDir);
  const start = async () => {
    const app = await buildEmulator({ ...emulatorIdentity(account), logLevel: 'silent' });
    t.teardown(() => app.close());
    return app;
  };
  const first = await start();
  const token = (await first.inject({ method: 'POST', url: '/emulator/devices', payload: {} })).json().token as string;
  await first.close();
  const second = await start();
  const res = await second.inject({
    method: 'POST',
    url: `/v3/${account.projectId}/messages:send`,
    headers: { 'push-type': String(PushType.BACKGROUND), authorization: `Bearer ${await new PushKitJwt(account).token()}` },
    payload: { payload: { extraData: 'after restart' }, target: { token: [token] } }
  });
  t.same(res.json().code, '80000000');
});
