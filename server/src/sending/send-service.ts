import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import {
  maskToken,
  SendState,
  TokenResultStatus,
  type ConfigurationProblem,
  type SendBatch,
  type SendRequest,
  type SendResponse,
  type TokenResult
} from '@harmony-push/shared';
import { unsupportedOn } from '../push-types';
import type { Metrics } from '../metrics/plugin';
import type { PushKitSender, TokenOutcome } from '../pushkit/sender';
import { hintFor, kindOf, ReasonKind } from '../pushkit/token-reasons';
import type { TokenRepository } from '../registry/repository';
import type { SendRepository } from './sends-repository';
import { resolveTargets } from './targets';

export interface SendResult {
  response: SendResponse;
  /** True when an Idempotency-Key matched an earlier send: nothing was sent this time. */
  replayed: boolean;
}

/**
 * One send from request to stored outcome: resolve the targets, skip what a device cannot show, send through Push
 * Kit, disable the tokens Push Kit calls dead, and record everything under a send id.
 */
export class SendService {
  constructor(
    private readonly registry: TokenRepository,
    private readonly sends: SendRepository,
    private readonly sender: PushKitSender,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger
  ) {}

  async send(request: SendRequest, idempotencyKey?: string): Promise<SendResult> {
    const message = { payload: request.payload, pushOptions: request.pushOptions };
    const start = await this.sends.start(randomUUID(), request.pushType, message, idempotencyKey);
    if (!start.started) return { response: start.existing, replayed: true };
    const pushType = String(request.pushType);
    this.metrics.sends.inc({ push_type: pushType });

    const targets = await resolveTargets(this.registry, request.target);
    const outcomes = new Map<string, TokenOutcome | { status: 'skipped'; reason: string }>();
    const sendable: string[] = [];
    for (const target of targets) {
      const reason = target.deviceType && unsupportedOn(target.deviceType, request.pushType, request.payload);
      if (reason) outcomes.set(target.token, { status: 'skipped', reason });
      else sendable.push(target.token);
    }

    const batches: SendBatch[] = [];
    const configuration = new Map<string, number>();
    await this.sender.send(request, sendable, async (batchOutcomes, report) => {
      batches.push(report);
      const dead = new Map<string, string[]>();
      for (const [token, outcome] of batchOutcomes) {
        outcomes.set(token, outcome);
        if (outcome.status !== 'failed') continue;
        const kind = kindOf(outcome.reason);
        if (kind === ReasonKind.DEAD_TOKEN) dead.set(outcome.reason, [...(dead.get(outcome.reason) ?? []), token]);
        if (kind === ReasonKind.CONFIGURATION) configuration.set(outcome.reason, (configuration.get(outcome.reason) ?? 0) + 1);
      }
      for (const [reason, tokens] of dead) {
        const disabled = await this.registry.disable(tokens, reason);
        this.log.info({ reason, tokens: tokens.length, disabled }, 'dead tokens disabled');
      }
    });

    const results: TokenResult[] = targets.map((target) => {
      const outcome = outcomes.get(target.token) ?? { status: 'error', reason: 'not sent' };
      const result: TokenResult = { token: maskToken(target.token), status: outcome.status as TokenResultStatus };
      if ('reason' in outcome) result.reason = outcome.reason;
      this.metrics.tokens.inc({ push_type: pushType, outcome: outcome.status, reason: 'reason' in outcome ? outcome.reason : '' });
      return result;
    });
    const configurationErrors: ConfigurationProblem[] = [...configuration].map(([reason, tokens]) => ({
      reason,
      tokens,
      hint: hintFor(reason)
    }));
    for (const problem of configurationErrors) {
      this.metrics.configurationErrors.inc({ reason: problem.reason }, problem.tokens);
      this.log.error({ reason: problem.reason, tokens: problem.tokens, hint: problem.hint }, 'Push Kit configuration error');
    }
    const count = (status: TokenResultStatus) => results.filter((result) => result.status === status).length;
    const response = await this.sends.complete({
      sendId: start.sendId,
      pushType: request.pushType,
      state: SendState.COMPLETED,
      requested: targets.length,
      accepted: count(TokenResultStatus.ACCEPTED),
      failed: count(TokenResultStatus.FAILED),
      skipped: count(TokenResultStatus.SKIPPED),
      errors: count(TokenResultStatus.ERROR),
      results,
      batches,
      configurationErrors,
      createdAt: ''
    });
    return { response, replayed: false };
  }
}
