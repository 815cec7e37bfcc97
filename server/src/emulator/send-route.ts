import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  InvalidTokenReason,
  PUSH_TYPES,
  PushKitCode,
  PushType,
  maskToken,
  type PushOptions
} from '@harmony-push/shared';
import { maxTokensPerRequest, unsupportedOn, validatePushKitRequest, type PushMessageIssue } from '../push-types';
import {
  BODY_REFUSAL_ORDER,
  GATEWAY_ERROR_BODIES,
  INVALID_PUSH_TYPE_TIP,
  MIN_TOKENS_PER_REQUEST,
  UNSUPPORTED_DEVICE_REASON,
  distinctTokens
} from '../pushkit/spec-choices';
import { checkAuthorization } from './auth';
import { gatewayFault } from './gateway';
import { illegalPayload, illegalTokensMsg, newRequestId, sendAnswer, tokenCountMsg } from './answers';
import { deliveryResult, onDevice } from './delivery-results';

interface PushKitBody {
  payload: unknown;
  pushOptions?: PushOptions;
  target: { token: string[] };
}

const PUSH_TYPE_HEADER = /^\s*(\d{1,2})\s*$/;

/** Room for 1000 tokens of the longest length the registry accepts (4096 characters). */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export function pushTypeOf(request: FastifyRequest): PushType | undefined {
  const header = request.headers['push-type'];
  const value = typeof header === 'string' ? PUSH_TYPE_HEADER.exec(header)?.[1] : undefined;
  return PUSH_TYPES.find((pushType) => String(pushType) === value);
}

/** The answer for a body that breaks rules: the first code of BODY_REFUSAL_ORDER it breaks. */
function refusal(issues: PushMessageIssue[], pushType: PushType): { code: PushKitCode; msg?: string } | undefined {
  const code = BODY_REFUSAL_ORDER.find((candidate) => issues.some((issue) => issue.code === candidate));
  if (code === undefined) return undefined;
  if (code === PushKitCode.ILLEGAL_PAYLOAD) {
    const tips = issues.filter((issue) => issue.code === code).map((issue) => `${issue.path || 'body'} ${issue.message}`);
    return { code, msg: illegalPayload(tips.join('; ')) };
  }
  if (code === PushKitCode.TOKEN_COUNT_EXCEEDED) {
    return { code, msg: tokenCountMsg(MIN_TOKENS_PER_REQUEST, maxTokensPerRequest(pushType, false)) };
  }
  return { code };
}

/** `POST /v3/:projectId/messages:send` as push-scenariozed-api-request-struct and -response document it. */
export async function sendRoute(app: FastifyInstance): Promise<void> {
  const { account, deviceTokens: tokens, inbox, faults, withoutRights, deviceStates, receipts, testMessages, now } = app.pushKitEmulator;

  const answer = (reply: FastifyReply, code: PushKitCode, msg?: string) => sendAnswer(reply, code, newRequestId(now()), msg);

  // Faults act like the network and Huawei's gateway: before authentication, before the body is read.
  app.addHook('onRequest', async (request, reply) => {
    if (await gatewayFault(app.pushKitEmulator, request, reply)) return reply;
    const params = request.params as { projectId: string };
    const denied = await checkAuthorization(request.headers.authorization, params.projectId, account, Math.floor(now() / 1000));
    if (denied !== undefined) return answer(reply, denied);
    if (pushTypeOf(request) === undefined) return answer(reply, PushKitCode.ILLEGAL_PAYLOAD, illegalPayload(INVALID_PUSH_TYPE_TIP));
  });

  // A body Fastify cannot parse is still Push Kit's business: an illegal payload, not a framework error.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return answer(reply, PushKitCode.ILLEGAL_PAYLOAD, illegalPayload('the body must be a JSON object'));
    }
    request.log.error({ err: error }, 'emulator failure');
    return answer(reply, PushKitCode.INNER_ERROR);
  });

  // Push Kit's flow control counts devices per second (push-msg-freq-control): the tokens are known once the body is.
  app.addHook('preHandler', async (request, reply) => {
    const tokenList = (request.body as { target?: { token?: unknown } } | undefined)?.target?.token;
    const admission = faults.admit(Array.isArray(tokenList) ? tokenList.length : 0);
    if (!admission.admitted) {
      return reply.code(503).header('retry-after', String(admission.retryAfterSeconds)).type('text/html').send(GATEWAY_ERROR_BODIES[503]);
    }
  });

  app.post('/v3/:projectId/messages::send', { bodyLimit: BODY_LIMIT_BYTES }, async (request, reply: FastifyReply) => {
    const pushType = pushTypeOf(request) as PushType;
    const requestId = newRequestId(now());
    const issues = validatePushKitRequest(pushType, request.body);
    const refused = refusal(issues, pushType);
    if (refused) {
      request.log.info({ code: refused.code, issues: issues.map((issue) => issue.path) }, 'request refused');
      return sendAnswer(reply, refused.code, requestId, refused.msg);
    }
    const body = request.body as PushKitBody;
    const tokenRefusal = issues.find((issue) => issue.tokenReason !== undefined)?.tokenReason;
    const illegalTokens: Record<string, string[]> = {};
    const acceptedTokens: { token: string; limitation?: string }[] = [];
    for (const token of distinctTokens(body.target.token)) {
      const deviceType = tokens.deviceTypeOf(token);
      const limitation = deviceType === undefined ? undefined : unsupportedOn(deviceType, pushType, body.payload);
      const reason =
        deviceType === undefined
          ? InvalidTokenReason.TOKEN_FORMAT_ERROR
          : tokens.isStale(token)
            ? InvalidTokenReason.NO_RIGHT
            : withoutRights.includes(pushType)
            ? InvalidTokenReason.NO_PUSH_TYPE_RIGHT
              : (tokenRefusal ?? (limitation === undefined ? undefined : UNSUPPORTED_DEVICE_REASON));
      if (reason !== undefined) (illegalTokens[reason] ??= []).push(token);
      else acceptedTokens.push({ token, ...(limitation === undefined ? {} : { limitation }) });
    }
    const accepted = acceptedTokens.length;
    // Huawei counts successful test requests against the day's quota (push-msg-freq-control).
    const overTestQuota = accepted > 0 && body.pushOptions?.testMessage === true && !testMessages.take();
    const timestamp = now();
    const formId = pushType === PushType.FORM_UPDATE ? (body.payload as { formId: number }).formId : undefined;
    const deliveries = acceptedTokens.map(({ token, limitation }) => {
      const result = deliveryResult(deviceStates.of(token), pushType, overTestQuota);
      const device = onDevice(result);
      if (device.reached) {
        const notShownReason = limitation ?? device.notShownReason;
        inbox.add(token, {
          requestId,
          receivedAt: new Date(timestamp).toISOString(),
          pushType,
          payload: body.payload,
          ...(body.pushOptions === undefined ? {} : { pushOptions: body.pushOptions }),
          shown: notShownReason === undefined,
          ...(notShownReason === undefined ? {} : { notShownReason })
        });
      }
      return { token, pushType, requestId, biTag: body.pushOptions?.biTag, result, timestamp, ...(formId === undefined ? {} : { formId }) };
    });
    receipts?.add(deliveries);
    const failed = Object.values(illegalTokens).reduce((total, list) => total + list.length, 0);
    request.log.info(
      { pushType, accepted, failed, illegalTokens: Object.fromEntries(Object.entries(illegalTokens).map(([reason, list]) => [reason, list.map(maskToken)])) },
      'message answered'
    );
    if (failed === 0) return sendAnswer(reply, PushKitCode.SUCCESS, requestId);
    const code = accepted === 0 ? PushKitCode.ALL_TOKENS_INVALID : PushKitCode.PARTIAL_SUCCESS;
    return sendAnswer(reply, code, requestId, illegalTokensMsg(illegalTokens, accepted, failed));
  });
}
