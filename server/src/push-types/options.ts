import { z } from 'zod';
import { BackgroundMode, PushKitCode, PushType, type PushOptions } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { TTL_MIN_SECONDS, pushKitObject, utf8Bytes } from '../pushkit/spec-choices';
import { evenWithOtherIssues, fail, outcome } from './issues';
import { intIn } from './fields';

/** §3: 15 days. */
export const TTL_MAX_SECONDS = 1_296_000;
const BI_TAG_MAX_BYTES = 64;

/** collapseKey applies to notifications and voice broadcasts only; backgroundMode to background messages only. */
const COLLAPSE_KEY_PUSH_TYPES: PushType[] = [PushType.ALERT, PushType.EXTENSION];
const BACKGROUND_MODE_PUSH_TYPES: PushType[] = [PushType.BACKGROUND];

export const pushOptions = implementsContract<PushOptions>()(
  pushKitObject({
    testMessage: z.boolean().optional(),
    ttl: z
      .number()
      .int('must be an integer')
      .max(TTL_MAX_SECONDS, `must be at most ${TTL_MAX_SECONDS} s (15 days)`)
      .refine((ttl) => ttl >= TTL_MIN_SECONDS, {
        message: `must be at least ${TTL_MIN_SECONDS} s: the message would expire before it is sent`,
        params: outcome(PushKitCode.ILLEGAL_EXPIRE_TIME)
      })
      .optional(),
    biTag: z
      .string()
      .refine((tag) => utf8Bytes(tag) <= BI_TAG_MAX_BYTES, `must be at most ${BI_TAG_MAX_BYTES} bytes`)
      .optional(),
    receiptId: z.string().min(1, 'must not be empty').optional(),
    collapseKey: intIn(-1, 100).optional(),
    backgroundMode: z.enum(BackgroundMode).optional()
  })
);

/** pushOptions with the fields that only some push-types take. */
export function pushOptionsFor(pushType: PushType) {
  return pushOptions.superRefine((options, ctx) => {
    if (options.collapseKey !== undefined && !COLLAPSE_KEY_PUSH_TYPES.includes(pushType)) {
      fail(ctx, ['collapseKey'], 'applies only to push-types 0 and 2');
    }
    if (options.backgroundMode !== undefined && !BACKGROUND_MODE_PUSH_TYPES.includes(pushType)) {
      fail(ctx, ['backgroundMode'], 'applies only to push-type 6');
    }
  }, evenWithOtherIssues);
}
