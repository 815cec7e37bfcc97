import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { DEV_RECEIPT_CREDENTIALS_FILE, loadOrCreateDevReceiptCredentials } from '../../src/receipts/dev-credentials';

t.test('development receipt credentials: created once under DATA_DIR, owner-readable only, then reused', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-receipts-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const created = await loadOrCreateDevReceiptCredentials(path.join(dataDir, 'nested'));
  t.equal(created.file, path.join(dataDir, 'nested', DEV_RECEIPT_CREDENTIALS_FILE));
  t.ok(created.created);
  t.equal((await stat(created.file)).mode & 0o777, 0o600);
  t.match(created.credentials, { userName: /^harmony-push-dev-[A-Za-z0-9_-]{8,}$/, secret: /^[A-Za-z0-9+/]{43}=$/ });
  t.equal(Buffer.from(created.credentials.secret, 'base64').length, 32, 'a base64 secret, as AppGallery Connect hands out');
  const reused = await loadOrCreateDevReceiptCredentials(path.join(dataDir, 'nested'));
  t.notOk(reused.created);
  t.same(reused.credentials, created.credentials);
  t.same(JSON.parse(await readFile(created.file, 'utf8')), created.credentials);
});

t.test('a damaged file is an error that names it, never silently replaced', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-receipts-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const { file } = await loadOrCreateDevReceiptCredentials(dataDir);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, '{"userName": 3}');
  await t.rejects(loadOrCreateDevReceiptCredentials(dataDir), { message: new RegExp(DEV_RECEIPT_CREDENTIALS_FILE) });
});
