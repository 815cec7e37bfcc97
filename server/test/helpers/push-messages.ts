import type { PushType } from '@harmony-push/shared';
import { validatePushKitRequest, validatePushMessage, type PushMessageIssue } from '../../src/push-types';
import type { HuaweiExample } from './huawei-examples';

/** `path → code` of every issue, for exact comparisons. */
export const issueCodes = (issues: PushMessageIssue[]): Record<string, string> =>
  Object.fromEntries(issues.map((issue) => [issue.path, issue.tokenReason ?? issue.code]));

/** The issues of a Huawei example after `breakIt` changed it (the whole request, target included). */
function issuesAfter(example: HuaweiExample, breakIt: (body: HuaweiExample['body']) => void): PushMessageIssue[] {
  breakIt(example.body);
  return validatePushKitRequest(example.pushType, example.body);
}

/** `path → code` of every issue of a Huawei example after `breakIt` changed it. */
export const failingPaths = (example: HuaweiExample, breakIt: (body: HuaweiExample['body']) => void): Record<string, string> =>
  issueCodes(issuesAfter(example, breakIt));

export const messageIssues = (pushType: PushType, message: unknown): Record<string, string> =>
  issueCodes(validatePushMessage(pushType, message));

/** `path: message` of every issue of a Huawei example after `breakIt` changed it, in order: what the sender reads. */
export const failingMessages = (example: HuaweiExample, breakIt: (body: HuaweiExample['body']) => void): string[] =>
  issuesAfter(example, breakIt).map((issue) => `${issue.path}: ${issue.message}`);
