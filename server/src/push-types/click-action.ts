import { z } from 'zod';
import { ClickActionType, type ClickAction } from '@harmony-push/shared';
import { narrowsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';
import { evenWithOtherIssues, fail } from './issues';

/** `data.tel` for actionType 5: ≤20 of `+ - space 0-9 #`, `+` only first, starting with `+` or a digit. */
const TEL = /^[+0-9][0-9 #-]{0,19}$/;

/** "a JSON object" (push-scenariozed-api-request-param, ClickAction.data): values may nest. */
const clickActionData = z.record(z.string(), z.json());

/** A ClickAction whose actionType must be one of `allowed` (notifications: 0/1; Live View extend: 0/1/3/5). */
export function clickAction(allowed: ClickActionType[]): z.ZodType<ClickAction> {
  // One-way: zod's JSON type is narrower than the contract's `Object | null` values.
  return narrowsContract<ClickAction>()(
    pushKitObject({
      actionType: z
        .enum(ClickActionType)
        .refine((type) => allowed.includes(type), `must be one of ${allowed.join(', ')} here`),
      action: z.string().min(1, 'must not be empty').optional(),
      uri: z.string().min(1, 'must not be empty').optional(),
      data: clickActionData.optional()
    }).superRefine((click, ctx) => {
      if (click.actionType === ClickActionType.CUSTOM_PAGE && click.action === undefined && click.uri === undefined) {
        fail(ctx, ['action'], 'actionType 1 needs action or uri');
      }
      if (click.actionType === ClickActionType.DIAL) {
        const tel = click.data?.tel;
        if (typeof tel !== 'string' || !TEL.test(tel)) {
          fail(ctx, ['data', 'tel'], 'actionType 5 needs data.tel: at most 20 of "+-# 0-9", starting with + or a digit');
        }
      }
    }, evenWithOtherIssues)
  );
}

export const notificationClickAction = clickAction([ClickActionType.HOME_PAGE, ClickActionType.CUSTOM_PAGE]);
