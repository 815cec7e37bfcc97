import { fail, ok, warn, type CheckResult } from './check';

export const RECEIPTS = 'receipts';

/** The receipt endpoint's settings (README, Delivery receipts). */
export interface ReceiptSettings {
  username?: string;
  secret?: string;
  unsigned: boolean;
}

/**
 * Read from the environment by the variables' documented names rather than from loadConfig, which refuses a user
 * name without a secret as a whole: doctor still says which of the two is missing and where to set it up.
 */
export function receiptSettings(env: NodeJS.ProcessEnv): ReceiptSettings {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    username: text(env.PUSHKIT_RECEIPT_USERNAME),
    secret: text(env.PUSHKIT_RECEIPT_SECRET),
    unsigned: env.PUSHKIT_RECEIPTS_UNSIGNED?.trim() === 'true'
  };
}

const SET_UP =
  "In AppGallery Connect, configure a V2 receipt to https://<this server>/receipts with a user name and secret (Huawei's push-msg-receipt guide), and set the same in PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET.";

/**
 * Whether Push Kit's delivery receipts can come in, signed (X-HUAWEI-CALLBACK-ID): without them sends stay
 * "pending" and uninstalled tokens are never disabled. The secret is never shown.
 */
export function checkReceipts(settings: ReceiptSettings, huawei: boolean): CheckResult {
  const { username, secret, unsigned } = settings;
  if (username && secret) return ok(RECEIPTS, `POST /receipts takes receipts signed for user name ${username} (secret set, ${secret.length} characters)`);
  if (username || secret) {
    const missing = username ? 'PUSHKIT_RECEIPT_SECRET' : 'PUSHKIT_RECEIPT_USERNAME';
    return fail(RECEIPTS, `${missing} is not set, and a receipt's signature needs both the user name and the secret`, SET_UP);
  }
  if (unsigned) {
    return warn(
      RECEIPTS,
      'PUSHKIT_RECEIPTS_UNSIGNED=true: POST /receipts takes unsigned receipts, so anyone who reaches it can mark messages delivered and disable tokens',
      `${SET_UP} Then remove PUSHKIT_RECEIPTS_UNSIGNED.`
    );
  }
  if (!huawei) return ok(RECEIPTS, "no receipt secret: with the local emulator, npm start signs the emulator's receipts with development credentials kept in DATA_DIR");
  return warn(RECEIPTS, "no receipt secret: POST /receipts answers 404, so Huawei's receipts are lost: sends stay pending and uninstalled tokens stay active", SET_UP);
}
