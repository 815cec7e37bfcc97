import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import type { ReceiptStatus } from '@harmony-push/shared';
import { ReceiptKeyForm, signCallbackId, type ReceiptCredentials } from '../../src/receipts/signature';

/** The callback user name and secret the receipt tests configure (the secret is base64, as AGC shows it). */
export const RECEIPT_CREDENTIALS: ReceiptCredentials = {
  userName: 'receipt-callback-user',
  secret: Buffer.from('a receipt secret of 32 bytes....').toString('base64')
};

export const receiptEnv = (credentials = RECEIPT_CREDENTIALS): Record<string, string> => ({
  PUSHKIT_RECEIPT_USERNAME: credentials.userName,
  PUSHKIT_RECEIPT_SECRET: credentials.secret
});

/** One delivery status as Push Kit posts it; `result` 0 (delivered) now unless told otherwise. */
export function deliveryStatus(token: string, requestId: string, fields: Partial<ReceiptStatus> & { result?: number; timestamp?: number } = {}): ReceiptStatus {
  const { result = 0, timestamp = Date.now(), ...rest } = fields;
  return { token, pushType: 0, appPackageName: 'com.example.app', requestId, deliveryStatus: { result, timestamp }, ...rest };
}

export interface CallbackOptions {
  credentials?: ReceiptCredentials;
  form?: ReceiptKeyForm;
  timestamp?: number;
  nonce?: string;
  /** Replaces the signed header; `null` leaves it out. */
  header?: string | null;
}

/** Posts a callback to POST /receipts, signed as Huawei signs it unless told otherwise. */
export function postReceipts(app: FastifyInstance, body: unknown, options: CallbackOptions = {}): Promise<LightMyRequestResponse> {
  const header =
    options.header !== undefined
      ? options.header
      : signCallbackId(options.credentials ?? RECEIPT_CREDENTIALS, options.timestamp ?? Date.now(), options.nonce ?? randomUUID(), options.form);
  return app.inject({
    method: 'POST',
    url: '/receipts',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'x-huawei-callback-id': header }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body)
  });
}

/** The callbacks each statement storing receipts held, in order, for the rest of test `t`. */
export function watchStatements(t: Test, app: FastifyInstance): number[] {
  const sizes: number[] = [];
  const store = app.receipts.store.bind(app.receipts);
  app.receipts.store = (callbacks, reactions) => {
    sizes.push(callbacks.length);
    return store(callbacks, reactions);
  };
  t.teardown(() => {
    app.receipts.store = store;
  });
  return sizes;
}
