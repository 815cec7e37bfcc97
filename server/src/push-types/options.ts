import { z } from 'zod';
import { BackgroundMode, PushKitCode, type PushOptions } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { TTL_MIN_SECONDS, pushKitObject, utf8Bytes } from '../pushkit/spec-choices';
import { outcome } from './issues';
import { intIn } from './fields';

/** push-scenariozed-api-request-param pushOptions.ttl: at most 15 days. */
export const TTL_MAX_SECONDS = 1_296_000;
const BI_TAG_MAX_BYTES = 64;

/**
 * pushOptions of every push-type. Fields without effect on a push-type (collapseKey, backgroundMode) are dropped with
 * a warning by dropIneffectiveFields, not refused.
 */
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
