import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvalidTokenReason, PushKitCode, PushType, RevokeCode, maskToken } from '@harmony-push/shared';
import { INT32_MAX } from '../push-types/fields';
import { INVALID_PUSH_TYPE_TIP, MIN_TOKENS_PER_REQUEST, distinctTokens, pushKitObject } from '../pushkit/spec-choices';
import { illegalPayload, illegalTokensMsg, newRequestId, sendAnswer, tokenCountMsg } from './answers';
import { checkAuthorization } from './auth';
import { gatewayFault } from './gateway';
import { pushTypeOf } from './send-route';

/** push-msg-revoke: "撤回功能当前仅支持通知消息与语音播报消息". */
const REVOCABLE: PushType[] = [PushType.ALERT, PushType.EXTENSION];
/** push-msg-revoke: "单次最多携带1000个Token". */
const MAX_REVOKE_TOKENS = 1000;

/** push-msg-revoke's body; notifyId in the range push-scenariozed-api-request-param gives a revocable one. */
const revokeBody = pushKitObject({
  notifyId: z.number().int().min(0).max(INT32_MAX),
  token: z.array(z.string())
});

const notifyIdOf = (payload: unknown): number | undefined => (payload as { notification?: { notifyId?: number } }).notification?.notifyId;

/**
 * `POST /v1/:clientId/messages:revoke` as push-msg-revoke documents it: the same JWT and gateway as sends, push-type
 * 0 or 2, and the notification with that notifyId removed from each device's inbox.
 */
export async function revokeRoute(app: FastifyInstance): Promise<void> {
  const emulator = app.pushKitEmulator;
  const { account, clientId, deviceTokens: tokens, inbox, now } = emulator;
  const answer = (reply: FastifyReply, code: PushKitCode | RevokeCode, msg?: string) => sendAnswer(reply, code, newRequestId(now()), msg);

  app.addHook('onRequest', async (request, reply) => {
    if (await gatewayFault(emulator, request, reply)) return reply;
    const denied = await checkAuthorization(request.headers.authorization, account.projectId, account, Math.floor(now() / 1000));
    if (denied !== undefined) return answer(reply, denied);
    // push-msg-revoke 80300002: "ClientId不是应用级的ClientId".
    if ((request.params as { clientId: string }).clientId !== clientId) return answer(reply, PushKitCode.NO_PERMISSION);
    const pushType = pushTypeOf(request);
    if (pushType === undefined || !REVOCABLE.includes(pushType)) {
      return answer(reply, PushKitCode.ILLEGAL_PAYLOAD, illegalPayload(INVALID_PUSH_TYPE_TIP));
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return answer(reply, PushKitCode.ILLEGAL_PAYLOAD, illegalPayload('the body must be a JSON object'));
    }
    request.log.error({ err: error }, 'emulator failure');
    return answer(reply, PushKitCode.INNER_ERROR);
  });

  app.post('/v1/:clientId/messages::revoke', async (request, reply) => {
    const pushType = pushTypeOf(request) as PushType;
    const given = (request.body as { token?: unknown } | undefined)?.token;
    if (Array.isArray(given) && (given.length < MIN_TOKENS_PER_REQUEST || given.length > MAX_REVOKE_TOKENS)) {
      return answer(reply, PushKitCode.TOKEN_COUNT_EXCEEDED, tokenCountMsg(MIN_TOKENS_PER_REQUEST, MAX_REVOKE_TOKENS));
    }
    const parsed = revokeBody.safeParse(request.body);
    if (!parsed.success) {
      const tips = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; ');
      return answer(reply, PushKitCode.ILLEGAL_PAYLOAD, illegalPayload(tips));
    }
    const { notifyId, token: list } = parsed.data;
    const illegalTokens: Record<string, string[]> = {};
    let revoked = 0;
    let removed = 0;
    for (const token of distinctTokens(list)) {
      const reason =
        tokens.deviceTypeOf(token) === undefined
          ? InvalidTokenReason.TOKEN_FORMAT_ERROR
          : tokens.isStale(token)
            ? InvalidTokenReason.NO_RIGHT
            : undefined;
      if (reason !== undefined) {
        (illegalTokens[reason] ??= []).push(token);
        continue;
      }
      revoked += 1;
      removed += inbox.remove(token, (message) => message.pushType === pushType && notifyIdOf(message.payload) === notifyId);
    }
    const failed = Object.values(illegalTokens).reduce((total, tokensOf) => total + tokensOf.length, 0);
    const masked = Object.fromEntries(Object.entries(illegalTokens).map(([reason, of]) => [reason, of.map(maskToken)]));
    request.log.info({ pushType, notifyId, revoked, removed, failed, illegalTokens: masked }, 'revoke answered');
    if (failed === 0) return answer(reply, PushKitCode.SUCCESS);
    const code = revoked === 0 ? PushKitCode.ALL_TOKENS_INVALID : RevokeCode.PARTIAL_SUCCESS;
    return answer(reply, code, illegalTokensMsg(illegalTokens, revoked, failed));
  });
}
