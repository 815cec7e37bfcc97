import { z } from 'zod';
import { PUSH_TYPES, PushKitCode, PushType, type Target } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { MIN_TOKENS_PER_REQUEST, bodyBytesWithoutTokens, pushKitObject } from '../pushkit/spec-choices';
import { alertPayload } from './alert';
import { backgroundPayload } from './background';
import { extensionPayload } from './extension';
import { formUpdatePayload } from './form-update';
import { liveViewPayload } from './live-view';
import { pushOptions } from './options';
import { voipCallPayload } from './voip-call';
import { evenWithOtherIssues, fail, outcome, toPushMessageIssues, type PushMessageIssue } from './issues';

export type { PushMessageIssue } from './issues';
export { unsupportedOn } from './device-support';
export { dropIneffectiveFields } from './ineffective';

/** Message-level limits of the Push Kit v3 send API (push-scenariozed-api-intro, push-scenariozed-api-request-param). */
export const MAX_BODY_BYTES = 4096;
export const MAX_TOKENS_PER_REQUEST = 1000;
export const MAX_TEST_TOKENS_PER_REQUEST = 10;
/** Card updates go to exactly one token, test message or not. */
export const FORM_UPDATE_TOKENS_PER_REQUEST = 1;

/** The payload schema of each push-type. */
const PAYLOAD_SCHEMAS = {
  [PushType.ALERT]: alertPayload,
  [PushType.FORM_UPDATE]: formUpdatePayload,
  [PushType.EXTENSION]: extensionPayload,
  [PushType.BACKGROUND]: backgroundPayload,
  [PushType.LIVE_VIEW]: liveViewPayload,
  [PushType.VOIP_CALL]: voipCallPayload
} as const;

/** The most tokens one Push Kit request may carry. */
export function maxTokensPerRequest(pushType: PushType, testMessage: boolean): number {
  if (pushType === PushType.FORM_UPDATE) return FORM_UPDATE_TOKENS_PER_REQUEST;
  return testMessage ? MAX_TEST_TOKENS_PER_REQUEST : MAX_TOKENS_PER_REQUEST;
}

interface MessageParts {
  payload?: unknown;
  pushOptions?: unknown;
}

/** The 4096-byte limit, checked on whatever the message holds, so it is reported alongside other problems. */
function sizeRule(message: MessageParts, ctx: z.RefinementCtx): void {
  const bytes = bodyBytesWithoutTokens({ payload: message.payload, pushOptions: message.pushOptions });
  if (bytes > MAX_BODY_BYTES) {
    fail(ctx, ['payload'], `the message is ${bytes} bytes without tokens; at most ${MAX_BODY_BYTES}`, outcome(PushKitCode.MESSAGE_TOO_LARGE));
  }
}

/** `{ payload, pushOptions? }` of one push-type: what /send takes apart from the push-type and the target. */
const messageShape = <T extends PushType>(pushType: T) => ({
  payload: PAYLOAD_SCHEMAS[pushType] as (typeof PAYLOAD_SCHEMAS)[T],
  pushOptions: pushOptions.optional()
});

const perPushType = (build: (pushType: PushType) => z.ZodType): Record<PushType, z.ZodType> =>
  Object.fromEntries(PUSH_TYPES.map((pushType) => [pushType, build(pushType)])) as Record<PushType, z.ZodType>;

const messageSchemas = perPushType((pushType) =>
  pushKitObject(messageShape(pushType)).superRefine(sizeRule, evenWithOtherIssues)
);

/** Push Kit's `target`; its size is checked against the push-type and testMessage. */
const target = implementsContract<Target>()(pushKitObject({ token: z.array(z.string()) }));

function tokenCountRule(request: MessageParts & { target?: { token?: unknown } }, ctx: z.RefinementCtx, pushType: PushType): void {
  const tokens = request.target?.token;
  if (!Array.isArray(tokens)) return;
  const testMessage = (request.pushOptions as { testMessage?: unknown } | undefined)?.testMessage === true;
  const max = maxTokensPerRequest(pushType, testMessage);
  const general = maxTokensPerRequest(pushType, false);
  if (tokens.length < MIN_TOKENS_PER_REQUEST || tokens.length > general) {
    fail(
      ctx,
      ['target', 'token'],
      `must hold ${MIN_TOKENS_PER_REQUEST} to ${general} tokens`,
      outcome(PushKitCode.TOKEN_COUNT_EXCEEDED)
    );
  } else if (tokens.length > max) {
    fail(ctx, ['target', 'token'], `a test message carries at most ${max} tokens`, outcome(PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED));
  }
}

const requestSchemas = perPushType((pushType) =>
  pushKitObject({ ...messageShape(pushType), target })
    .superRefine(sizeRule, evenWithOtherIssues)
    .superRefine((request, ctx) => tokenCountRule(request, ctx, pushType), evenWithOtherIssues)
);

/**
 * Everything wrong with `{ payload, pushOptions? }` for `pushType`, before anything is sent: schema rules, the
 * options this push-type takes, the body size, and payloads Push Kit would refuse for every token. Empty when valid.
 */
export function validatePushMessage(pushType: PushType, message: unknown): PushMessageIssue[] {
  const result = messageSchemas[pushType].safeParse(message);
  return result.success ? [] : toPushMessageIssues(result.error);
}

/** The same for a whole Push Kit request body, `target` included (token counts per push-type and testMessage). */
export function validatePushKitRequest(pushType: PushType, body: unknown): PushMessageIssue[] {
  const result = requestSchemas[pushType].safeParse(body);
  return result.success ? [] : toPushMessageIssues(result.error);
}

/**
 * One schema for `{ pushType, payload, pushOptions?, ...extra }`: the push-type picks the payload and option rules
 * and every failing path comes back at once. For routes such as `POST /send` (`extra` adds e.g. its target).
 */
export function pushMessageSchema<E extends z.ZodRawShape>(extra: E) {
  const member = <T extends PushType>(pushType: T) =>
    pushKitObject({ pushType: z.literal(pushType), ...messageShape(pushType) }).extend(extra);
  return z
    .discriminatedUnion('pushType', [
      member(PushType.ALERT),
      member(PushType.FORM_UPDATE),
      member(PushType.EXTENSION),
      member(PushType.BACKGROUND),
      member(PushType.LIVE_VIEW),
      member(PushType.VOIP_CALL)
    ])
    .superRefine(sizeRule, evenWithOtherIssues);
}

export const pushMessage = pushMessageSchema({});
