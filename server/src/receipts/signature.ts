import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The X-HUAWEI-CALLBACK-ID header of a Push Kit receipt callback, as Huawei signs it (push-api-msg-receipt,
 * https://developer.huawei.com/consumer/cn/doc/harmonyos-references/push-api-msg-receipt):
 *   timestamp=<ms>;nonce=<uuid>;value=Base64(HMAC-SHA256(key, timestamp + nonce + userName))
 * The key is the receipt secret configured in AppGallery Connect: newer configurations use the secret's
 * base64-decoded bytes, older ones its UTF-8 bytes, so a verifier accepts either.
 */

export const CALLBACK_ID_HEADER = 'x-huawei-callback-id';

/** The user name and secret configured for a receipt in AppGallery Connect. */
export interface ReceiptCredentials {
  userName: string;
  secret: string;
}

/** Which bytes of the secret are the HMAC key. */
export enum ReceiptKeyForm {
  /** The secret base64-decoded (Huawei's current configurations). */
  BASE64_DECODED = 'base64-decoded',
  /** The secret's UTF-8 bytes (older configurations). */
  UTF8 = 'utf8'
}

export interface CallbackId {
  /** Milliseconds since the epoch, as sent. */
  timestamp: string;
  nonce: string;
  /** The signature, base64. */
  value: string;
}

function keyBytes(secret: string, form: ReceiptKeyForm): Buffer {
  // Stryker disable next-line StringLiteral: Buffer.from takes an empty encoding name as UTF-8, its default
  return form === ReceiptKeyForm.BASE64_DECODED ? Buffer.from(secret, 'base64') : Buffer.from(secret, 'utf8');
}

function signature(credentials: ReceiptCredentials, form: ReceiptKeyForm, timestamp: string, nonce: string): Buffer {
  // A string is hashed as UTF-8.
  return createHmac('sha256', keyBytes(credentials.secret, form))
    .update(timestamp + nonce + credentials.userName)
    .digest();
}

/** The header value Huawei would send for `timestamp` and `nonce`. */
export function signCallbackId(
  credentials: ReceiptCredentials,
  timestamp: number,
  nonce: string,
  form: ReceiptKeyForm = ReceiptKeyForm.BASE64_DECODED
): string {
  const value = signature(credentials, form, String(timestamp), nonce).toString('base64');
  return `timestamp=${timestamp};nonce=${nonce};value=${value}`;
}

// Stryker disable next-line Regex: the closing $ adds nothing, (.*) runs to the end of a header value, which holds no line break (the ^ is pinned by signature.test.ts)
const FIELD = /^(timestamp|nonce|value)=(.*)$/;

/** The header's three fields, or undefined when it is not exactly `timestamp=…;nonce=…;value=…`. */
export function parseCallbackId(header: string): CallbackId | undefined {
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const match = FIELD.exec(part.trim());
    if (match === null || fields.has(match[1]!)) return undefined;
    fields.set(match[1]!, match[2]!);
  }
  const timestamp = fields.get('timestamp');
  const nonce = fields.get('nonce');
  const value = fields.get('value');
  if (timestamp === undefined || nonce === undefined || value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(timestamp) || nonce.length === 0 || nonce.length > 128 || value.length === 0) return undefined;
  return { timestamp, nonce, value };
}

/** True when `id.value` is the signature of `id` under either key form of the secret. */
export function signatureMatches(credentials: ReceiptCredentials, id: CallbackId): boolean {
  const given = Buffer.from(id.value, 'base64');
  let matched = false;
  for (const form of [ReceiptKeyForm.BASE64_DECODED, ReceiptKeyForm.UTF8]) {
    const expected = signature(credentials, form, id.timestamp, id.nonce);
    matched = (given.length === expected.length && timingSafeEqual(given, expected)) || matched;
  }
  return matched;
}
