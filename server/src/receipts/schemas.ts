import { z } from 'zod';
import { MAX_RECEIPT_STATUSES, type ReceiptAcknowledgement, type ReceiptCallback, type ReceiptStatus } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushToken } from '../registry/schemas';

/*
 * The V2 receipt body (push-api-msg-receipt, https://developer.huawei.com/consumer/cn/doc/harmonyos-references/push-api-msg-receipt).
 * Bounds are ours: what the columns hold (smallint push-types, int results, bigint form ids) and what no real status
 * exceeds; Huawei's timestamps are milliseconds since the epoch.
 */
const INT32_MAX = 2 ** 31 - 1;
const result = z.number().int().min(-INT32_MAX - 1).max(INT32_MAX);
/** Up to the year 275760, the latest date JavaScript and PostgreSQL both hold. */
const timestamp = z.number().int().min(0).max(8_640_000_000_000_000);
const shortText = z.string().max(256);

export const receiptStatus = implementsContract<ReceiptStatus>()(
  z
    .object({
      token: pushToken,
      pushType: z.number().int().min(0).max(32_767),
      appPackageName: shortText,
      requestId: shortText.min(1),
      biTag: shortText.optional(),
      deliveryStatus: z.object({ result, timestamp }).optional(),
      formStatus: z.object({ formId: z.number().int().min(0), result, timestamp }).optional()
    })
    .superRefine((status, ctx) => {
      if ((status.deliveryStatus === undefined) === (status.formStatus === undefined)) {
        ctx.addIssue({
          // Stryker disable next-line StringLiteral: a 400 tells each issue's path and message, never its code
          code: 'custom',
          path: ['deliveryStatus'],
          message: 'exactly one of deliveryStatus and formStatus is required'
        });
      }
    })
);

export const receiptCallback = implementsContract<ReceiptCallback>()(
  z.object({ statuses: z.array(receiptStatus).max(MAX_RECEIPT_STATUSES) })
);

export const receiptAcknowledgement = implementsContract<ReceiptAcknowledgement>()(
  z.object({ code: z.string(), message: z.string() })
);

export const callbackHeaders = z.object({
  'x-huawei-callback-id': z.string().max(1024).optional().describe('timestamp=<ms>;nonce=<uuid>;value=<signature>')
});
