import { z } from 'zod';
import { InvalidTokenReason, LiveViewEvent, PushKitCode, PushType, RevokeCode } from '@harmony-push/shared';

/*
 * Every choice made where Huawei's pages leave a gap or disagree, and the rules several modules must read the same
 * way. Pages are cited by their name under https://developer.huawei.com/consumer/cn/doc/harmonyos-references/ or
 * .../harmonyos-guides/ (e.g. push-scenariozed-api-request-param). Validation, the sender and the emulator read
 * these; nothing else decides them, so a fact learned from the real service changes one line here.
 */

/** UTF-8, the encoding of the JSON body on the wire; also counts `pushOptions.biTag` ("≤ 64 bytes", request-param). */
// Stryker disable next-line StringLiteral: UTF-8 is also Buffer.byteLength's default encoding
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * push-scenariozed-api-response 80300008 "消息体大小超过4096Bytes（不包括Push Token）"; the counting method is undocumented: the UTF-8 length of the compact JSON body
 * with `target.token` emptied. Key order and the request's own whitespace do not count.
 */
export function bodyBytesWithoutTokens(message: { payload: unknown; pushOptions?: unknown }): number {
  return utf8Bytes(JSON.stringify({ payload: message.payload, pushOptions: message.pushOptions, target: { token: [] } }));
}

/**
 * push-scenariozed-api-request-param pushOptions.ttl: no minimum is documented. Below 1 s the expiry is not after "now", which Push Kit answers with 80100004
 * "Illegal expire time."; above the documented maximum we answer 80100003 like any other out-of-range field.
 */
export const TTL_MIN_SECONDS = 1;

/** An empty token list: answered 80300010 like too many (push-msg-revoke says "Token数量为0或超过…"). */
export const MIN_TOKENS_PER_REQUEST = 1;

/**
 * The same token twice in one request: undocumented (push-scenariozed-api-request-param, target.token). It counts, and is delivered, once; per-token results name
 * it once.
 */
export const distinctTokens = (tokens: string[]): string[] => [...new Set(tokens)];

/**
 * Which events may be created over REST (operation 0). push-update-liveview (2026): "通过Push Kit创建实况窗仅支持
 * FLIGHT、TAXI、TRAIN、EXPRESS、CHECK_IN五种场景"; push-scenariozed-api-request-param's constraints section and the
 * Live View Kit guide still name only FLIGHT, TAXI and TRAIN. The newer guide page wins: all five.
 */
export const LIVE_VIEW_CREATE_EVENTS: LiveViewEvent[] = [
  LiveViewEvent.FLIGHT,
  LiveViewEvent.TAXI,
  LiveViewEvent.TRAIN,
  LiveViewEvent.EXPRESS,
  LiveViewEvent.CHECK_IN
];

/** A missing or invalid push-type header: the tip of the push-msg-revoke example, assumed to be the same for /send. */
export const INVALID_PUSH_TYPE_TIP = 'The header does not contain valid push-type';

/**
 * Fields push-scenariozed-api-request-param does not document: how it treats them is unknown. We reject them (80100003 / a 400 from /send),
 * which catches misspelt field names before anything is sent.
 */
export const pushKitObject = z.strictObject;

/**
 * push-scenariozed-api-request-param FormUpdatePayload.formId accepts up to 2^63−1, but a JSON number above 2^53−1 loses precision in JavaScript (and devices
 * generate at most 2^31−1), so larger ids are refused rather than silently changed.
 */
export const FORM_ID_MAX = Number.MAX_SAFE_INTEGER;

/**
 * push-send-badge shows a badge-only update as `{ "badge": {...} }` alone; title and body must be absent and category
 * is "无需携带" (not needed, so allowed). A notification with a badge but no title or body is taken as one, and then
 * any other field is an error (clickAction is not required).
 */
export const BADGE_ONLY_FIELDS: readonly string[] = ['badge', 'category'];

/**
 * push-scenes-send, push-update-liveview and push-send-badge say which devices show what but name no per-token
 * reason for the others. Push Kit is assumed to accept such tokens; the emulator records the message as not shown.
 * Set a reason here to make it refuse them.
 */
export const UNSUPPORTED_DEVICE_REASON: InvalidTokenReason | undefined = undefined;

/**
 * push-scenariozed-api-response: HTTP status per business code: Huawei gives none, these follow its HTTP table. 80300002 and 80300036 could be
 * 403 or 401; 80300029 could be 503; partial success 80100000 is taken as 200.
 */
export const PUSH_KIT_HTTP_STATUS: Record<PushKitCode, number> = {
  [PushKitCode.SUCCESS]: 200,
  [PushKitCode.PARTIAL_SUCCESS]: 200,
  [PushKitCode.PARAMETER_ERROR]: 400,
  [PushKitCode.ILLEGAL_PAYLOAD]: 400,
  [PushKitCode.ILLEGAL_EXPIRE_TIME]: 400,
  [PushKitCode.IMAGE_NOT_VERIFIED]: 400,
  [PushKitCode.AUTHENTICATION_ERROR]: 401,
  [PushKitCode.JWT_EXPIRED]: 401,
  [PushKitCode.NO_PERMISSION]: 400,
  [PushKitCode.ALL_TOKENS_INVALID]: 400,
  [PushKitCode.MESSAGE_TOO_LARGE]: 400,
  [PushKitCode.TOKEN_COUNT_EXCEEDED]: 400,
  [PushKitCode.TEST_MESSAGE_RATE_EXCEEDED]: 400,
  [PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED]: 400,
  [PushKitCode.JWT_LIFETIME_TOO_LONG]: 401,
  [PushKitCode.PENALTY]: 400,
  [PushKitCode.INNER_ERROR]: 500
};

/** push-msg-revoke's own codes, by the same reading of its HTTP table; 80300002 and 80300028 as above. */
export const REVOKE_HTTP_STATUS: Record<RevokeCode, number> = {
  [RevokeCode.PARTIAL_SUCCESS]: 200,
  [RevokeCode.ACCESS_TOKEN_EXPIRED]: 401,
  [RevokeCode.TOKENS_OF_SEVERAL_APPS]: 400,
  [RevokeCode.TOKEN_APP_MISMATCH]: 400,
  [RevokeCode.NO_REVOKE_PERMISSION]: 400,
  [RevokeCode.COMMON_SERVICE_ERROR]: 500
};

/**
 * push-scenariozed-api-response / push-jwt-token: the order Push Kit checks a request in is undocumented. Ours: Authorization (missing, malformed, wrong
 * projectId, kid, signature, iss or aud → 80200001; lifetime over a day → 80300036; then expiry → 80200005), then the
 * push-type header, then the body: the first code of this list that the body breaks is the answer. Only a body that
 * breaks none of them gets per-token results.
 */
export const BODY_REFUSAL_ORDER: PushKitCode[] = [
  PushKitCode.MESSAGE_TOO_LARGE,
  PushKitCode.TOKEN_COUNT_EXCEEDED,
  PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED,
  PushKitCode.ILLEGAL_PAYLOAD,
  PushKitCode.ILLEGAL_EXPIRE_TIME
];

/** push-jwt-token documents no clock tolerance for `exp`; the emulator allows none. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 0;

/**
 * Gateway errors (502/503/504) may come back non-JSON (a gateway answers before Push Kit does): the emulator answers both as a gateway would, with HTML and
 * no requestId; 500 carries the JSON of 81000001.
 */
export const GATEWAY_ERROR_BODIES: Record<502 | 503 | 504, string> = {
  502: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
  503: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
  504: '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>'
};

/** Why an attempt got no verdict. */
export enum AttemptFailure {
  /** The connection failed before the request left (refused, DNS, connect timeout): Push Kit never saw it. */
  NOT_SENT = 'NOT_SENT',
  /** The request left and no answer came: a response timeout or a connection dropped mid-answer. */
  NO_ANSWER = 'NO_ANSWER',
  HTTP_500 = 'HTTP_500',
  HTTP_502 = 'HTTP_502',
  HTTP_503 = 'HTTP_503',
  HTTP_504 = 'HTTP_504',
  /** 81000001 "Inner Error." */
  INNER_ERROR = 'INNER_ERROR',
  /** 80300029 "When send test message, the api request exceed limit." */
  TEST_MESSAGE_RATE = 'TEST_MESSAGE_RATE'
}

/** What the sender does after a failed attempt. Business codes not in the table are final: `failed`. */
export enum RetryDecision {
  RETRY = 'retry',
  /** Push Kit may have taken it and a repeat could show twice: report the tokens `unknown`, do not send again. */
  UNKNOWN = 'unknown',
  FAILED = 'failed'
}

/**
 * Push-types for which a repeat of a request Push Kit may already have taken is harmless:
 * - 0 (alert) and 2 (voice broadcast) carry an appMessageId derived from the send, and the device drops a second
 *   message with the same one (push-scenariozed-api-request-param, Notification.appMessageId);
 * - 1, a card update, replaces the card's data (push-scenariozed-api-request-param, FormUpdatePayload.version);
 * - 6, a background message, keeps only the latest cached message on the device (push-background).
 * Live View (7) and VoIP calls (10) would show twice: their tokens are `unknown` instead.
 */
export const HARMLESS_REPEAT: readonly PushType[] = [PushType.ALERT, PushType.FORM_UPDATE, PushType.EXTENSION, PushType.BACKGROUND];

export interface RetryRow {
  failure: AttemptFailure;
  /** Push Kit may have taken the request before this failure. */
  mayHaveBeenTaken: boolean;
  source: string;
}

/** The failures worth another attempt, each with its page. */
export const RETRY_TABLE: readonly RetryRow[] = [
  { failure: AttemptFailure.HTTP_502, mayHaveBeenTaken: false, source: 'push-scenariozed-api-response: 502 "建议稍后重试"' },
  {
    failure: AttemptFailure.HTTP_503,
    mayHaveBeenTaken: false,
    source: 'push-scenariozed-api-response: 503 流量控制, "平均分配发送速度"; push-msg-freq-control: over the app QPS'
  },
  { failure: AttemptFailure.HTTP_504, mayHaveBeenTaken: false, source: 'push-scenariozed-api-response (a gateway timeout answers before Push Kit)' },
  { failure: AttemptFailure.NOT_SENT, mayHaveBeenTaken: false, source: 'push-scenariozed-api-request-struct (the request never reached the URL)' },
  { failure: AttemptFailure.TEST_MESSAGE_RATE, mayHaveBeenTaken: false, source: 'push-scenariozed-api-response: 80300029 "稍后再发送"' },
  { failure: AttemptFailure.HTTP_500, mayHaveBeenTaken: true, source: 'push-scenariozed-api-response: 500 服务内部错误' },
  { failure: AttemptFailure.INNER_ERROR, mayHaveBeenTaken: true, source: 'push-scenariozed-api-response: 81000001 系统内部错误' },
  { failure: AttemptFailure.NO_ANSWER, mayHaveBeenTaken: true, source: 'push-scenariozed-api-response (no code came back: Push Kit may have taken it)' }
];

const ROWS = new Map(RETRY_TABLE.map((row) => [row.failure, row]));

/** Whether Push Kit may have taken a request that failed this way. */
// Stryker disable next-line OptionalChaining,BooleanLiteral: every AttemptFailure has its row, as spec-choices.test.ts checks, so the fallback is never read
export const mayHaveBeenTaken = (failure: AttemptFailure): boolean => ROWS.get(failure)?.mayHaveBeenTaken ?? false;

/**
 * Retry, or report `unknown`, after `failure` on `pushType`. `deduplicated` is false for an alert that cannot carry
 * an appMessageId (a badge-only update): a repeated `addNum` would count twice.
 */
export function retryDecision(failure: AttemptFailure, pushType: PushType, deduplicated = true): RetryDecision {
  const row = ROWS.get(failure);
  // Stryker disable next-line ConditionalExpression: every AttemptFailure has its row, as spec-choices.test.ts checks; this guards the type only
  if (!row) return RetryDecision.FAILED;
  if (!row.mayHaveBeenTaken) return RetryDecision.RETRY;
  const harmless = HARMLESS_REPEAT.includes(pushType) && (deduplicated || (pushType !== PushType.ALERT && pushType !== PushType.EXTENSION));
  return harmless ? RetryDecision.RETRY : RetryDecision.UNKNOWN;
}

/**
 * The emulator's QPS limit: push-msg-freq-control counts devices per second and answers 503 above it, but says
 * nothing about bursts or Retry-After. The emulator allows a burst of one second's allowance but at least one full
 * request (1000 tokens, so a low limit slows senders rather than refusing every request), refused requests use no
 * allowance, and a 503 carries Retry-After: the whole seconds until the request would fit.
 */
export const EMULATOR_BURST_TOKENS = 1000;

/**
 * push-msg-freq-control, 测试消息频控: "每个项目每日可推送总共1000条测试消息（非设备级，所有设备共用1000条）", and past it
 * messages are throttled "直到次日" with receipt 256. Two gaps:
 * - What counts: the page's note says frequency control counts "应用发起消息推送请求的数量" (the push requests the
 *   app makes, shown or not), and the test quota is "非设备级" (not per device). We count each REST request carrying
 *   `testMessage: true` that Push Kit took (80000000 or a partial success) once, whatever its (at most 10) tokens; a
 *   request Push Kit refused delivers nothing and is not counted.
 * - Where a day ends: no time zone is given. Push Kit's quotas are Huawei's and the HarmonyOS v3 endpoint is served
 *   from China, where AppGallery Connect reports by Beijing time: the day is China Standard Time (UTC+8, no DST).
 */
export const TEST_MESSAGES_PER_DAY = 1000;
const TEST_MESSAGE_DAY_OFFSET_MS = 8 * 3600 * 1000;

/** The test-message quota's day of an instant, `YYYY-MM-DD` in UTC+8. */
export const testMessageDay = (epochMs: number): string => new Date(epochMs + TEST_MESSAGE_DAY_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Partial successes: 80100000 of the send API, and 80100020 "Check Parameter Partial Success." of push-msg-revoke,
 * which shows no body for it. Its `msg` is taken to be an IllegalTokensMsg like 80100000's, listing the tokens that
 * were not revoked; the emulator answers so, and any other `msg` counts the whole batch as failed.
 */
export const PARTIAL_SUCCESS_CODES: readonly string[] = [PushKitCode.PARTIAL_SUCCESS, RevokeCode.PARTIAL_SUCCESS];
