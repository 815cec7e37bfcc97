import type { ReceiptConfig } from '../../config';
import { ok, warn, type CheckResult } from './check';

export const RECEIPTS = 'receipts';

const SET_UP =
  'In AppGallery Connect, add a V2 receipt configuration calling https://<this server>/receipts with a callback user name and secret, and give the server the same as PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET (README, Delivery receipts).';

/**
 * Whether Push Kit's delivery receipts can come in, signed (X-HUAWEI-CALLBACK-ID): without them sends stay
 * "pending" and uninstalled tokens are never disabled. A user name without a secret (or the reverse) is the
 * configuration check's failure. The secret is never shown.
 */
export function checkReceipts(receipts: ReceiptConfig, huawei: boolean): CheckResult {
  const { credentials, unsigned } = receipts;
  if (credentials) {
    return ok(RECEIPTS, `POST /receipts takes receipts signed for the user name ${credentials.userName} (secret set, ${credentials.secret.length} characters)`);
  }
  if (unsigned) {
    return warn(
      RECEIPTS,
      'PUSHKIT_RECEIPTS_UNSIGNED=true: POST /receipts takes unsigned receipts, so anyone who reaches it can mark messages delivered and disable tokens',
      `${SET_UP} Then remove PUSHKIT_RECEIPTS_UNSIGNED.`
    );
  }
  if (!huawei) return ok(RECEIPTS, "no receipt credentials: with the local emulator, npm start signs the emulator's receipts with development credentials kept in DATA_DIR");
  return warn(RECEIPTS, "no receipt credentials: POST /receipts answers 404, so Huawei's receipts are lost: sends stay pending and uninstalled tokens stay active", SET_UP);
}
