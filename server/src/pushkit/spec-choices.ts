import { z } from 'zod';
import { InvalidTokenReason, LiveViewEvent, PushKitCode } from '@harmony-push/shared';

/*
 * Every choice made where THE SPEC (shared/reference/pushkit-v3-api.md) marks a rule UNCERTAIN or Huawei leaves a
 * gap. Each entry cites the spec section. Validation, the sender and the emulator read these; nothing else decides
 * them, so a fact learned from the real service changes one line here.
 */

/** UTF-8, the encoding of the JSON body on the wire; also counts `pushOptions.biTag` (§3 "≤ 64 bytes"). */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * §1 "at most 4096 bytes, push tokens excluded", method undocumented: the UTF-8 length of the compact JSON body
 * with `target.token` emptied. Key order and the request's own whitespace do not count.
 */
export function bodyBytesWithoutTokens(message: { payload: unknown; pushOptions?: unknown }): number {
  return utf8Bytes(JSON.stringify({ payload: message.payload, pushOptions: message.pushOptions, target: { token: [] } }));
}

/**
 * §3 ttl minimum undocumented. Below 1 s the expiry is not after "now", which Push Kit answers with 80100004
 * "Illegal expire time."; above the documented maximum we answer 80100003 like any other out-of-range field.
 */
export const TTL_MIN_SECONDS = 1;

/** §2 an empty token list: answered 80300010 like too many ([REVOKE] says "Token数量为0或超过…"). */
export const MIN_TOKENS_PER_REQUEST = 1;

/**
 * §2 the same token twice in one request: undocumented. It counts, and is delivered, once; per-token results name
 * it once.
 */
export const distinctTokens = (tokens: string[]): string[] => [...new Set(tokens)];

/**
 * §4.4 which events may be created over REST (operation 0): the operation row and the constraints section say
 * FLIGHT, TAXI and TRAIN; the event row adds EXPRESS and CHECK_IN. We accept all five, so that /send never blocks a
 * creation Huawei may take; Huawei then answers for itself.
 */
export const LIVE_VIEW_CREATE_EVENTS: LiveViewEvent[] = [
  LiveViewEvent.FLIGHT,
  LiveViewEvent.TAXI,
  LiveViewEvent.TRAIN,
  LiveViewEvent.EXPRESS,
  LiveViewEvent.CHECK_IN
];

/** §1 a missing or invalid push-type header: the tip of the [REVOKE] example, assumed to be the same for /send. */
export const INVALID_PUSH_TYPE_TIP = 'The header does not contain valid push-type';

/**
 * §4 fields Push Kit does not document: how it treats them is unknown. We reject them (80100003 / a 400 from /send),
 * which catches misspelt field names before anything is sent.
 */
export const pushKitObject = z.strictObject;

/**
 * §4.1 formId accepts up to 2^63−1, but a JSON number above 2^53−1 loses precision in JavaScript (and devices
 * generate at most 2^31−1), so larger ids are refused rather than silently changed.
 */
export const FORM_ID_MAX = Number.MAX_SAFE_INTEGER;

/**
 * §4.0 [BADGE] shows a badge-only update as `{ "badge": {...} }` alone. A notification with a badge but no category,
 * title or body is taken as one, and then any field but these is an error (clickAction is not required).
 */
export const BADGE_ONLY_FIELDS: readonly string[] = ['badge'];

/**
 * §1 "Device support per push-type" (no Live View on TV or 2in1, ...) names no per-token reason. Push Kit is assumed
 * to accept such tokens; the emulator records the message as not shown. Set a reason here to make it refuse them.
 */
export const UNSUPPORTED_DEVICE_REASON: InvalidTokenReason | undefined = undefined;

/**
 * §5 HTTP status per business code: Huawei gives none, these follow its HTTP table. 80300002 and 80300036 could be
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

/**
 * §5/§6 the order Push Kit checks a request in is undocumented. Ours: Authorization (missing, malformed, wrong
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

/** §6 no clock tolerance is documented for `exp`; the emulator allows none. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 0;

/**
 * §5 "Gateway errors (502/503) may come back non-JSON": the emulator answers both as a gateway would, with HTML and
 * no requestId; 500 carries the JSON of 81000001.
 */
export const GATEWAY_ERROR_BODIES: Record<502 | 503, string> = {
  502: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
  503: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>'
};
