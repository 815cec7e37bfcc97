import pLimit from 'p-limit';
import { PushType, SendState, TokenResultStatus, type RevokeBatch, type RevokeResponse } from '@harmony-push/shared';
import { errors } from '../errors';
import { MAX_TOKENS_PER_REQUEST } from '../push-types';
import type { PushKitSender } from '../pushkit/sender';
import type { TokenRepository } from '../registry/repository';
import type { BatchRange, RevocableSend, SendRepository } from './send-repository';
import { batchTargets } from './targets';

/** push-msg-revoke: "撤回功能当前仅支持通知消息与语音播报消息". */
const REVOCABLE: readonly PushType[] = [PushType.ALERT, PushType.EXTENSION];
/** Broadcast batches resolved and revoked at once: bounds the tokens held in memory; the flow control bounds requests. */
const BATCHES_AT_ONCE = 8;

/**
 * `POST /sends/:id/revoke`: takes a finished alert or voice broadcast back from the devices with push-msg-revoke,
 * one request per batch of the send (its accepted tokens for an immediate send; each broadcast batch's tokens, its
 * registry range resolved again). Revoking twice is harmless; nothing is stored.
 */
export class RevokeService {
  constructor(
    private readonly sends: SendRepository,
    private readonly registry: TokenRepository,
    private readonly pushKit: PushKitSender
  ) {}

  /** Push Kit's answers per batch, or undefined when there is no such send. */
  async revoke(sendId: string): Promise<RevokeResponse | undefined> {
    const send = await this.sends.revocable(sendId);
    if (!send) return undefined;
    const notifyId = this.check(send);
    const target = send.target;
    // Each batch's tokens are read when its turn comes, so only BATCHES_AT_ONCE batches are held at a time.
    const resolve = (range: BatchRange) => async () =>
      (await batchTargets(this.registry, target ?? {}, send.pushType, range)).map((resolved) => resolved.token);
    const batchTokens: (() => Promise<string[]>)[] = target
      ? (await this.sends.sentRanges(sendId)).map(resolve)
      : chunks(send.acceptedTokens).map((tokens) => async () => tokens);
    const limit = pLimit(BATCHES_AT_ONCE);
    const answers = await Promise.all(
      batchTokens.map((tokensOf) => limit(async () => this.revokeBatch(send.pushType, notifyId, await tokensOf())))
    );
    const batches: RevokeBatch[] = [];
    let revoked = 0;
    for (const answer of answers) {
      if (!answer) continue;
      revoked += answer.revoked;
      batches.push(answer.batch);
    }
    const total = batches.reduce((sum, batch) => sum + batch.tokens, 0);
    return { sendId, notifyId, revoked, failed: total - revoked, batches };
  }

  private async revokeBatch(pushType: PushType, notifyId: number, tokens: string[]) {
    if (tokens.length === 0) return undefined;
    const { outcomes, report } = await this.pushKit.revoke(pushType, notifyId, tokens);
    const revoked = [...outcomes.values()].filter((outcome) => outcome.status === TokenResultStatus.ACCEPTED).length;
    const batch: RevokeBatch = { requestId: report.requestId, code: report.code, msg: report.msg, tokens: tokens.length };
    return { revoked, batch };
  }

  /** The notifyId to revoke with, once the send is known to be revocable. */
  private check(send: RevocableSend): number {
    if (!REVOCABLE.includes(send.pushType)) {
      throw errors.notRevocable(
        `a push-type ${send.pushType} send cannot be revoked: Push Kit revokes alerts (0) and voice broadcasts (2) only`
      );
    }
    if (send.notifyId === undefined) {
      throw errors.notRevocable(
        'the send has no notifyId to revoke with: its caller set -1 (Push Kit picked one), or it is a badge-only update'
      );
    }
    if (send.state === SendState.QUEUED || send.state === SendState.SENDING) {
      throw errors.notRevocable(`the send is still ${send.state}: cancel it or wait until it ends, then revoke it`);
    }
    if (!this.pushKit.canRevoke) throw errors.notConfigured("revoke needs the app's Client ID: set PUSHKIT_CLIENT_ID");
    return send.notifyId;
  }
}

function chunks(tokens: string[]): string[][] {
  const result: string[][] = [];
  for (let start = 0; start < tokens.length; start += MAX_TOKENS_PER_REQUEST) {
    result.push(tokens.slice(start, start + MAX_TOKENS_PER_REQUEST));
  }
  return result;
}
