import type { z } from 'zod';
import { PushKitCode, type InvalidTokenReason } from '@harmony-push/shared';
import { isObject } from './fields';

/** What Push Kit does with a message that breaks a rule: refuse the request with a code, or refuse every token. */
export interface PushKitOutcome {
  code: PushKitCode;
  /** Set when Push Kit accepts the request but refuses every token for this reason (code 80300007). */
  tokenReason?: InvalidTokenReason;
}

/** One broken rule: where, why, and what Push Kit answers for it. */
export interface PushMessageIssue extends PushKitOutcome {
  /** Dotted path from the message root, e.g. `payload.notification.badge.addNum`. */
  path: string;
  message: string;
}

const OUTCOME_PARAM = 'pushKitOutcome';

/** The params of a custom zod issue whose Push Kit answer is not the default 80100003. */
export const outcome = (code: PushKitCode, tokenReason?: InvalidTokenReason): Record<string, PushKitOutcome> => ({
  [OUTCOME_PARAM]: tokenReason === undefined ? { code } : { code, tokenReason }
});

/**
 * Options for cross-field rules: they run even when some other field is malformed, so one answer lists every
 * failing path. Such a rule may therefore see ill-typed values and only compares them, never calls methods on them.
 */
export const evenWithOtherIssues = {
  when: (payload: { value: unknown }): boolean => isObject(payload.value)
};

export type RuleContext = z.RefinementCtx;

/** Reports a broken cross-field rule at `path` (relative to the object the rule is attached to). */
export function fail(ctx: RuleContext, path: (string | number)[], message: string, params?: Record<string, PushKitOutcome>): void {
  ctx.addIssue({ code: 'custom', path, message, ...(params ? { params } : {}) });
}

const dotted = (path: PropertyKey[]): string => path.map(String).join('.');

/** One issue per failing path: an unknown field is reported at its own path. */
export function toPushMessageIssues(error: z.ZodError): PushMessageIssue[] {
  return error.issues.flatMap((issue): PushMessageIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: dotted([...issue.path, key]),
        message: 'is not a Push Kit field',
        code: PushKitCode.ILLEGAL_PAYLOAD
      }));
    }
    const params = issue.code === 'custom' ? (issue.params as Record<string, PushKitOutcome> | undefined) : undefined;
    return [{ path: dotted(issue.path), message: issue.message, ...(params?.[OUTCOME_PARAM] ?? { code: PushKitCode.ILLEGAL_PAYLOAD }) }];
  });
}
