import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
  t.equal(await readFile(created.file, 'utf8'), JSON.stringify(created.credentials, null, 2) + '\n', 'JSON to read and edit, ending its line');
});

t.test('a damaged file is an error that names it and says what to do, never silently replaced', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-receipts-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const { file } = await loadOrCreateDevReceiptCredentials(dataDir);
  for (const damaged of ['{"userName": 3}', '{"userName": "u", "secret": ""}', '{"userName": "u", "secret": "s", "more": 1}', '{"userName": "u",', '']) {
    await writeFile(file, damaged);
    await t.rejects(
      loadOrCreateDevReceiptCredentials(dataDir),
      {
        name: 'StartupError',
        message: `${file}: not development receipt credentials ({ "userName": "…", "secret": "…" }).\n` +
          'Delete the file to have new ones made, or set PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET.'
      },
      JSON.stringify(damaged)
    );
    t.equal(await readFile(file, 'utf8'), damaged, 'left as it was');
  }
});

t.test('a file that cannot be read is that error, not taken for a damaged one', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-receipts-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  await mkdir(path.join(dataDir, DEV_RECEIPT_CREDENTIALS_FILE));
  await t.rejects(loadOrCreateDevReceiptCredentials(dataDir), { code: 'EISDIR' });
});
