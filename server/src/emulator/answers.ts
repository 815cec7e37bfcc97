import { randomInt } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { PushKitCode, RevokeCode, type IllegalTokensMsg, type PushKitResponse } from '@harmony-push/shared';
import { PUSH_KIT_HTTP_STATUS, REVOKE_HTTP_STATUS } from '../pushkit/spec-choices';

/** `msg` of each business code, as Push Kit's response reference spells it. */
const MESSAGES: Record<PushKitCode, string> = {
  [PushKitCode.SUCCESS]: 'Success',
  [PushKitCode.PARTIAL_SUCCESS]: 'Check Parameter Partial Success.',
  [PushKitCode.PARAMETER_ERROR]: 'Check Parameter Error.',
  [PushKitCode.ILLEGAL_PAYLOAD]: 'Illegal payload',
  [PushKitCode.ILLEGAL_EXPIRE_TIME]: 'Illegal expire time.',
  [PushKitCode.IMAGE_NOT_VERIFIED]: 'Anti-Spam: image not verify.',
  [PushKitCode.AUTHENTICATION_ERROR]: 'Authentication Error.',
  [PushKitCode.JWT_EXPIRED]: 'Jwt token expired.',
  [PushKitCode.NO_PERMISSION]: 'No permission to send message to these tmIDs.',
  [PushKitCode.ALL_TOKENS_INVALID]: 'All the tokens are invalid.',
  [PushKitCode.MESSAGE_TOO_LARGE]: 'Push message size is too long.',
  [PushKitCode.TOKEN_COUNT_EXCEEDED]: 'token count should within {0} and {1}.',
  [PushKitCode.TEST_MESSAGE_RATE_EXCEEDED]: 'When send test message, the api request exceed limit.',
  [PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED]: 'When send test message, token count exceed limit.',
  [PushKitCode.JWT_LIFETIME_TOO_LONG]: 'JWT expire period over threshold.',
  [PushKitCode.PENALTY]: 'Disable send huawei msg because of penalty.',
  [PushKitCode.INNER_ERROR]: 'Inner Error.'
};

/** `msg` of the codes only push-msg-revoke lists, as it spells them. */
const REVOKE_MESSAGES: Record<RevokeCode, string> = {
  [RevokeCode.PARTIAL_SUCCESS]: 'Check Parameter Partial Success.',
  [RevokeCode.ACCESS_TOKEN_EXPIRED]: 'Access token expired.',
  [RevokeCode.TOKENS_OF_SEVERAL_APPS]: 'Token app count should not exceed 1.',
  [RevokeCode.TOKEN_APP_MISMATCH]: 'Token app mismatch with specify app.',
  [RevokeCode.NO_REVOKE_PERMISSION]: 'No permission to revoke messages.',
  [RevokeCode.COMMON_SERVICE_ERROR]: 'CommonService Error.'
};

const ALL_MESSAGES: Record<PushKitCode | RevokeCode, string> = { ...MESSAGES, ...REVOKE_MESSAGES };
const ALL_STATUSES: Record<PushKitCode | RevokeCode, number> = { ...PUSH_KIT_HTTP_STATUS, ...REVOKE_HTTP_STATUS };

let sequence = randomInt(0, 1_000_000);

/** Push Kit request ids are long digit strings: here milliseconds plus a six-digit sequence, so ids do not repeat. */
export function newRequestId(nowMs: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${nowMs}${sequence.toString().padStart(6, '0')}`;
}

export const tokenCountMsg = (min: number, max: number): string =>
  MESSAGES[PushKitCode.TOKEN_COUNT_EXCEEDED].replace('{0}', String(min)).replace('{1}', String(max));

/** The `msg` of 80100003: "Illegal payload, <tips>". */
export const illegalPayload = (tips: string): string => `${MESSAGES[PushKitCode.ILLEGAL_PAYLOAD]}, ${tips}`;

/** The `msg` of 80100000 and 80300007, key order as in Huawei's examples. */
export function illegalTokensMsg(illegalTokens: Record<string, string[]>, success: number, failure: number): string {
  const msg: IllegalTokensMsg = success > 0 ? { illegalTokens, success, failure } : { failure, illegalTokens };
  return JSON.stringify(msg);
}

/** Answers with a business code, its HTTP status and, unless given, its documented `msg`. */
export function sendAnswer(reply: FastifyReply, code: PushKitCode | RevokeCode, requestId: string, msg = ALL_MESSAGES[code]): FastifyReply {
  const body: PushKitResponse = { code, msg, requestId };
  return reply.code(ALL_STATUSES[code]).type('application/json').send(body);
}
