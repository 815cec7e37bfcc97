import { PushKitCode, RevokeCode, type IllegalTokensMsg } from '@harmony-push/shared';
import { AttemptFailure, PARTIAL_SUCCESS_CODES } from './spec-choices';
import type { PushKitAnswer } from './transport';

/** What one Push Kit answer means for the tokens of its batch. */
export type Verdict =
  | {
      kind: 'answered';
      code: string;
      requestId: string;
      /** Tokens Push Kit took (accepted is not delivered). */
      accepted: string[];
      /** Token → reason, from `illegalTokens`. */
      refused: Map<string, string>;
    }
  /** An attempt without a verdict; the retry table in spec-choices.ts says whether to try again. */
  | { kind: 'retry'; status: number; code: string; failure: AttemptFailure; retryAfterMs?: number }
  /** The JWT was refused (401, 80200001, 80200005): re-sign once and send again. */
  | { kind: 'reauthenticate'; status: number; code: string; msg: string; requestId: string }
  /** Push Kit refused the request itself (payload, size, rights): sending it again cannot help. */
  | { kind: 'rejected'; status: number; code: string; msg: string; requestId: string };

/** 80200003 is the access-token expiry push-msg-revoke lists. */
const REAUTHENTICATE = new Set<string>([PushKitCode.AUTHENTICATION_ERROR, PushKitCode.JWT_EXPIRED, RevokeCode.ACCESS_TOKEN_EXPIRED]);

/** HTTP statuses without a verdict, per push-scenariozed-api-response's HTTP table. */
const STATUS_FAILURES: Record<number, AttemptFailure> = {
  500: AttemptFailure.HTTP_500,
  502: AttemptFailure.HTTP_502,
  503: AttemptFailure.HTTP_503,
  504: AttemptFailure.HTTP_504
};

const CODE_FAILURES: Record<string, AttemptFailure> = {
  [PushKitCode.INNER_ERROR]: AttemptFailure.INNER_ERROR,
  /** push-msg-revoke's "CommonService Error." (系统内部错误). */
  [RevokeCode.COMMON_SERVICE_ERROR]: AttemptFailure.INNER_ERROR,
  [PushKitCode.TEST_MESSAGE_RATE_EXCEEDED]: AttemptFailure.TEST_MESSAGE_RATE
};

function parseIllegalTokens(msg: string): IllegalTokensMsg | undefined {
  let parsed: Partial<IllegalTokensMsg> | null | undefined;
  try {
    parsed = JSON.parse(msg) as Partial<IllegalTokensMsg> | null;
  } catch {
    // Not JSON: no list either.
  }
  return parsed?.illegalTokens && typeof parsed.illegalTokens === 'object' ? (parsed as IllegalTokensMsg) : undefined;
}

function refusedTokens(illegal: IllegalTokensMsg): Map<string, string> {
  const refused = new Map<string, string>();
  for (const [reason, tokens] of Object.entries(illegal.illegalTokens)) {
    for (const token of Array.isArray(tokens) ? tokens : []) refused.set(token, reason);
  }
  return refused;
}

/** Reads a Push Kit answer (of a send or a revoke) for a batch of `tokens`. */
export function verdictOf(answer: PushKitAnswer, tokens: string[]): Verdict {
  const { status, body } = answer;
  const code = body?.code ?? `HTTP_${status}`;
  const failure = (body && CODE_FAILURES[body.code]) || STATUS_FAILURES[status];
  if (failure) return { kind: 'retry', status, code, failure, ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }) };
  // A 401 re-signs whatever its body: a gateway in front of Push Kit may answer it in HTML.
  if (status === 401 || REAUTHENTICATE.has(code)) {
    return { kind: 'reauthenticate', status, code, msg: body?.msg ?? 'HTTP 401', requestId: body?.requestId ?? '' };
  }
  if (!body) return { kind: 'rejected', status, code, msg: `HTTP ${status} without a Push Kit answer`, requestId: '' };
  if (code === PushKitCode.SUCCESS) {
    return { kind: 'answered', code, requestId: body.requestId, accepted: tokens, refused: new Map() };
  }
  if (PARTIAL_SUCCESS_CODES.includes(code) || code === PushKitCode.ALL_TOKENS_INVALID) {
    const illegal = parseIllegalTokens(body.msg);
    if (!illegal) {
      return { kind: 'rejected', status, code, msg: 'Push Kit listed no readable illegalTokens', requestId: body.requestId };
    }
    const refused = refusedTokens(illegal);
    if (code === PushKitCode.ALL_TOKENS_INVALID) {
      // Every token failed even where the list leaves one out.
      for (const token of tokens) if (!refused.has(token)) refused.set(token, code);
    }
    const accepted = tokens.filter((token) => !refused.has(token));
    return { kind: 'answered', code, requestId: body.requestId, accepted, refused };
  }
  return { kind: 'rejected', status, code, msg: body.msg, requestId: body.requestId };
}
