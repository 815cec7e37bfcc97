import { z } from 'zod';
import {
  DeviceType,
  PushType,
  SendState,
  TokenResultStatus,
  type QuotaResponse,
  type RevokeResponse,
  type DeliverySummary,
  type SendRequest,
  type SendResponse,
  type SendTarget,
  type TokenDelivery
} from '@harmony-push/shared';
import { implementsContract, narrowsContract } from '../contract';
import { MAX_BODY_BYTES, pushMessageSchema } from '../push-types';
import { bodyBytesWithoutTokens } from '../pushkit/spec-choices';
import { NOTIFY_ID_PLACEHOLDER, outgoing, SEND_ID_PLACEHOLDER } from './outgoing';
import { pushToken, userId } from '../registry/schemas';

/** Tokens a synchronous send may name directly. */
export const MAX_DIRECT_TOKENS = 10_000;

export const sendTarget = implementsContract<SendTarget>()(
  z
    .object({
      tokens: z.array(pushToken).min(1).max(MAX_DIRECT_TOKENS).optional(),
      userIds: z.array(userId).min(1).max(1000).optional(),
      deviceTypes: z.array(z.enum(DeviceType)).min(1).optional(),
      all: z.boolean().optional(),
      testDevices: z.boolean().optional(),
      includeStale: z.boolean().optional(),
      includeNotificationsOff: z.boolean().optional()
    })
    .refine(
      (target) => target.tokens || target.userIds || target.deviceTypes || target.all || target.testDevices,
      'name tokens, userIds, deviceTypes, all: true or testDevices: true'
    )
    .refine(
      (target) => !(target.testDevices && target.tokens),
      'testDevices selects registered test devices: it does not combine with tokens (set pushOptions.testMessage to test-send to given tokens)'
    )
);

/** A send to the test devices is a test message: `testMessage: false` contradicts it. */
function testDevicesAreTested(request: SendRequest, ctx: z.RefinementCtx): void {
  if (request.target.testDevices === true && request.pushOptions?.testMessage === false) {
    ctx.addIssue({ code: 'custom', path: ['pushOptions', 'testMessage'], message: 'a send to target.testDevices is a test message' });
  }
}

/** A card (formId) lives on one device: a card update names exactly one token, never a registry selection. */
function cardUpdateTarget(request: { pushType: PushType; target: SendTarget }, ctx: z.RefinementCtx): void {
  const target = request.target;
  if (request.pushType !== PushType.FORM_UPDATE) return;
  if (target.tokens?.length !== 1 || target.userIds || target.deviceTypes || target.all || target.testDevices) {
    ctx.addIssue({ code: 'custom', path: ['target', 'tokens'], message: 'a card update (push-type 1) goes to exactly one token' });
  }
}

/**
 * The 4096-byte limit applies to what is sent: the message with the send id added as biTag and appMessageId, and the
 * notifyId the server assigns (push-scenariozed-api-response, 80300008), checked here so that no batch of a broadcast
 * can fail on it later.
 */
function sizeAsSent(request: SendRequest, ctx: z.RefinementCtx): void {
  const bytes = bodyBytesWithoutTokens(outgoing(request, SEND_ID_PLACEHOLDER, NOTIFY_ID_PLACEHOLDER).message);
  if (bytes > MAX_BODY_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['payload'],
      message:
        `the message is ${bytes} bytes as sent (with the send id as biTag and appMessageId, and a notifyId when the ` +
        `server assigns one; without tokens); at most ${MAX_BODY_BYTES}`
    });
  }
}

export const sendRequest = narrowsContract<SendRequest>()(
  pushMessageSchema({ target: sendTarget }).superRefine(cardUpdateTarget).superRefine(testDevicesAreTested).superRefine(sizeAsSent)
);

export const sendHeaders = z.object({
  'idempotency-key': z.string().trim().min(1).max(255).optional()
});

const testMessageQuota = z.object({ day: z.string(), used: z.number().int(), limit: z.number().int() });
export const deliverySummary = implementsContract<DeliverySummary>()(
  z.object({
    delivered: z.number().int(),
    notShown: z.number().int(),
    uninstalled: z.number().int(),
    tokenMismatch: z.number().int(),
    inactive: z.number().int(),
    throttled: z.number().int(),
    other: z.number().int(),
    pending: z.number().int(),
    byResult: z.record(z.string(), z.number().int())
  })
);

export const tokenDelivery = implementsContract<TokenDelivery>()(
  z.object({ result: z.number().int(), meaning: z.string(), at: z.string() })
);

export const sendResponse = implementsContract<SendResponse>()(
  z.object({
    sendId: z.uuid(),
    pushType: z.enum(PushType),
    state: z.enum(SendState),
    batchesDone: z.number().int(),
    batchesTotal: z.number().int(),
    requested: z.number().int(),
    accepted: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    unknown: z.number().int(),
    results: z.array(
      z.object({
        token: z.string().describe('masked'),
        status: z.enum(TokenResultStatus),
        reason: z.string().optional(),
        delivery: tokenDelivery.optional()
      })
    ),
    batches: z.array(
      z.object({ requestId: z.string(), code: z.string(), msg: z.string(), tokens: z.number().int(), attempts: z.number().int() })
    ),
    configurationErrors: z.array(z.object({ reason: z.string(), tokens: z.number().int(), hint: z.string() })),
    warnings: z.array(z.object({ path: z.string(), message: z.string() })),
    delivery: deliverySummary,
    notifyId: z.number().int().optional(),
    testMessages: testMessageQuota.optional(),
    failureReason: z.string().optional(),
    detailsPrunedAt: z.string().optional(),
    createdAt: z.string(),
    completedAt: z.string().optional()
  })
);

export const sendParams = z.object({ id: z.uuid() });

export const quotaResponse = implementsContract<QuotaResponse>()(z.object({ testMessages: testMessageQuota }));

export const revokeResponse = implementsContract<RevokeResponse>()(
  z.object({
    sendId: z.uuid(),
    notifyId: z.number().int(),
    revoked: z.number().int(),
    failed: z.number().int(),
    batches: z.array(z.object({ requestId: z.string(), code: z.string(), msg: z.string(), tokens: z.number().int() }))
  })
);
