import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import { createDevServiceAccount } from '../../src/emulator/dev-service-account';
import { parseServiceAccount, type ServiceAccount, type ServiceAccountFile } from '../../src/pushkit/service-account';

/** A fresh key file's content and the account it gives (RSA generation takes a moment: share it within a file). */
export async function newServiceAccount(): Promise<{ json: ServiceAccountFile; account: ServiceAccount }> {
  const json = await createDevServiceAccount();
  return { json, account: parseServiceAccount(json, 'test') };
}

/** Writes `content` into a temporary file removed at teardown. */
export async function tempFile(t: Test, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-sa-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'service-account.json');
  await writeFile(file, content);
  return file;
}
