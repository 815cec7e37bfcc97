import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createOnceInDataDir } from '../data-dir-file';
import { StartupError } from '../startup';
import type { ReceiptCredentials } from './signature';

/** Where the development receipt credentials live under DATA_DIR. */
export const DEV_RECEIPT_CREDENTIALS_FILE = 'dev-receipt-credentials.json';

const credentialsFile = z.strictObject({ userName: z.string().min(1), secret: z.string().min(1) });

/** A user name, and a secret of 32 random bytes in base64, as AppGallery Connect hands one out. */
function newCredentials(): ReceiptCredentials {
  return { userName: `harmony-push-dev-${randomBytes(6).toString('base64url')}`, secret: randomBytes(32).toString('base64') };
}

export interface DevReceiptCredentials {
  file: string;
  credentials: ReceiptCredentials;
  created: boolean;
}

/**
 * The receipt credentials the local emulator signs with and the server verifies with when none are configured
 * (PUSHKIT_RECEIPT_USERNAME, PUSHKIT_RECEIPT_SECRET): created on first start, kept in DATA_DIR like the development
 * keys, so receipts still verify after a restart.
 */
export async function loadOrCreateDevReceiptCredentials(dataDir: string): Promise<DevReceiptCredentials> {
  const { file, created } = await createOnceInDataDir(dataDir, DEV_RECEIPT_CREDENTIALS_FILE, () =>
    JSON.stringify(newCredentials(), null, 2) + '\n'
  );
  let parsed: z.ZodSafeParseResult<ReceiptCredentials>;
  try {
    // Stryker disable next-line StringLiteral: without an encoding readFile gives a Buffer, which JSON.parse reads as UTF-8 text all the same
    parsed = credentialsFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    parsed = credentialsFile.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new StartupError(
      `${file}: not development receipt credentials ({ "userName": "…", "secret": "…" }).`,
      'Delete the file to have new ones made, or set PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET.'
    );
  }
  return { file, credentials: parsed.data, created };
}
